-- Salesforce CRM export (standard objects + __c custom fields)
CREATE TABLE "User" (
  "Id" VARCHAR(18) PRIMARY KEY,
  "Username" VARCHAR(80) NOT NULL,
  "FirstName" VARCHAR(40),
  "LastName" VARCHAR(80) NOT NULL,
  "Email" VARCHAR(128),
  "Title" VARCHAR(80),
  "Department" VARCHAR(80),
  "UserRoleId" VARCHAR(18),
  "ManagerId" VARCHAR(18) REFERENCES "User"("Id"),
  "IsActive" BOOLEAN,
  "Region__c" VARCHAR(40),
  "Employee_Number__c" VARCHAR(20),
  "CreatedDate" TIMESTAMP,
  "LastModifiedDate" TIMESTAMP,
  "SystemModstamp" TIMESTAMP
);

CREATE TABLE "Account" (
  "Id" VARCHAR(18) PRIMARY KEY,
  "Name" VARCHAR(255) NOT NULL,
  "AccountNumber" VARCHAR(40),
  "Type" VARCHAR(40),
  "Industry" VARCHAR(40),
  "AnnualRevenue" DECIMAL(18,2),
  "NumberOfEmployees" INTEGER,
  "BillingStreet" VARCHAR(255),
  "BillingCity" VARCHAR(40),
  "BillingState" VARCHAR(80),
  "BillingPostalCode" VARCHAR(20),
  "BillingCountry" VARCHAR(80),
  "ShippingCity" VARCHAR(40),
  "ShippingCountry" VARCHAR(80),
  "Phone" VARCHAR(40),
  "Website" VARCHAR(255),
  "ParentId" VARCHAR(18) REFERENCES "Account"("Id"),
  "OwnerId" VARCHAR(18) REFERENCES "User"("Id"),
  "Customer_Tier__c" VARCHAR(20),
  "DUNS_Number__c" VARCHAR(9),
  "Is_Strategic__c" BOOLEAN,
  "CreatedDate" TIMESTAMP,
  "LastModifiedDate" TIMESTAMP,
  "IsDeleted" BOOLEAN
);

CREATE TABLE "Contact" (
  "Id" VARCHAR(18) PRIMARY KEY,
  "AccountId" VARCHAR(18) REFERENCES "Account"("Id"),
  "Salutation" VARCHAR(40),
  "FirstName" VARCHAR(40),
  "LastName" VARCHAR(80) NOT NULL,
  "Title" VARCHAR(128),
  "Email" VARCHAR(128),
  "Phone" VARCHAR(40),
  "MobilePhone" VARCHAR(40),
  "MailingCity" VARCHAR(40),
  "MailingCountry" VARCHAR(80),
  "LeadSource" VARCHAR(40),
  "OwnerId" VARCHAR(18) REFERENCES "User"("Id"),
  "HasOptedOutOfEmail" BOOLEAN,
  "Job_Level__c" VARCHAR(40),
  "CreatedDate" TIMESTAMP,
  "IsDeleted" BOOLEAN
);

CREATE TABLE "Lead" (
  "Id" VARCHAR(18) PRIMARY KEY,
  "FirstName" VARCHAR(40),
  "LastName" VARCHAR(80) NOT NULL,
  "Company" VARCHAR(255) NOT NULL,
  "Title" VARCHAR(128),
  "Email" VARCHAR(128),
  "Phone" VARCHAR(40),
  "Status" VARCHAR(40),
  "LeadSource" VARCHAR(40),
  "Industry" VARCHAR(40),
  "Rating" VARCHAR(20),
  "AnnualRevenue" DECIMAL(18,2),
  "NumberOfEmployees" INTEGER,
  "Country" VARCHAR(80),
  "IsConverted" BOOLEAN,
  "ConvertedDate" DATE,
  "ConvertedAccountId" VARCHAR(18) REFERENCES "Account"("Id"),
  "ConvertedContactId" VARCHAR(18) REFERENCES "Contact"("Id"),
  "ConvertedOpportunityId" VARCHAR(18),
  "OwnerId" VARCHAR(18) REFERENCES "User"("Id"),
  "Lead_Score__c" DECIMAL(5,1),
  "UTM_Campaign__c" VARCHAR(120),
  "CreatedDate" TIMESTAMP
);

CREATE TABLE "Opportunity" (
  "Id" VARCHAR(18) PRIMARY KEY,
  "AccountId" VARCHAR(18) REFERENCES "Account"("Id"),
  "Name" VARCHAR(120) NOT NULL,
  "StageName" VARCHAR(40) NOT NULL,
  "Amount" DECIMAL(18,2),
  "Probability" DECIMAL(5,2),
  "CloseDate" DATE NOT NULL,
  "Type" VARCHAR(40),
  "LeadSource" VARCHAR(40),
  "ForecastCategoryName" VARCHAR(40),
  "IsClosed" BOOLEAN,
  "IsWon" BOOLEAN,
  "OwnerId" VARCHAR(18) REFERENCES "User"("Id"),
  "CampaignId" VARCHAR(18),
  "NextStep" VARCHAR(255),
  "Competitor__c" VARCHAR(80),
  "Loss_Reason__c" VARCHAR(80),
  "Contract_Term_Months__c" INTEGER,
  "CurrencyIsoCode" CHAR(3),
  "FiscalYear" INTEGER,
  "FiscalQuarter" INTEGER,
  "CreatedDate" TIMESTAMP,
  "LastModifiedDate" TIMESTAMP
);

CREATE TABLE "Product2" (
  "Id" VARCHAR(18) PRIMARY KEY,
  "Name" VARCHAR(255) NOT NULL,
  "ProductCode" VARCHAR(255),
  "Family" VARCHAR(40),
  "Description" VARCHAR(4000),
  "IsActive" BOOLEAN,
  "Unit_Of_Measure__c" VARCHAR(20),
  "CreatedDate" TIMESTAMP
);

CREATE TABLE "OpportunityLineItem" (
  "Id" VARCHAR(18) PRIMARY KEY,
  "OpportunityId" VARCHAR(18) NOT NULL REFERENCES "Opportunity"("Id"),
  "Product2Id" VARCHAR(18) REFERENCES "Product2"("Id"),
  "PricebookEntryId" VARCHAR(18),
  "Quantity" DECIMAL(12,2),
  "UnitPrice" DECIMAL(18,2),
  "ListPrice" DECIMAL(18,2),
  "Discount" DECIMAL(5,2),
  "TotalPrice" DECIMAL(18,2),
  "ServiceDate" DATE,
  "Description" VARCHAR(255),
  "Billing_Frequency__c" VARCHAR(20),
  "CreatedDate" TIMESTAMP
);
