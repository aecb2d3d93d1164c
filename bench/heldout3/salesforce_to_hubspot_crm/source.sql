CREATE TABLE "sf_User" (
  "Id" CHAR(18) PRIMARY KEY,
  "Username" VARCHAR(80) NOT NULL,
  "FirstName" VARCHAR(40),
  "LastName" VARCHAR(80) NOT NULL,
  "Alias" VARCHAR(8),
  "Email" VARCHAR(128) NOT NULL,
  "IsActive" BOOLEAN NOT NULL,
  "ProfileId" CHAR(18),
  "UserRoleId" CHAR(18),
  "TimeZoneSidKey" VARCHAR(40),
  "FederationIdentifier" VARCHAR(512),
  "LastLoginDate" DATETIME
);

CREATE TABLE "sf_Account" (
  "Id" CHAR(18) PRIMARY KEY,
  "Name" VARCHAR(255) NOT NULL,
  "AccountNumber" VARCHAR(40),
  "Type" VARCHAR(40),
  "ParentId" CHAR(18) REFERENCES "sf_Account" ("Id"),
  "Industry" VARCHAR(40),
  "AnnualRevenue" DECIMAL(18,0),
  "NumberOfEmployees" INTEGER,
  "Rating" VARCHAR(40),
  "Website" VARCHAR(255),
  "Phone" VARCHAR(40),
  "BillingStreet" TEXT,
  "BillingCity" VARCHAR(40),
  "BillingState" VARCHAR(80),
  "BillingPostalCode" VARCHAR(20),
  "BillingCountry" VARCHAR(80),
  "ShippingStreet" TEXT,
  "ShippingCity" VARCHAR(40),
  "ShippingState" VARCHAR(80),
  "ShippingPostalCode" VARCHAR(20),
  "ShippingCountry" VARCHAR(80),
  "OwnerId" CHAR(18) REFERENCES "sf_User" ("Id"),
  "Customer_Tier__c" VARCHAR(255),
  "DUNS_Number__c" VARCHAR(9),
  "SLA_Expiration_Date__c" DATE,
  "IsDeleted" BOOLEAN NOT NULL DEFAULT 0,
  "SystemModstamp" DATETIME NOT NULL
);

CREATE TABLE "sf_Contact" (
  "Id" CHAR(18) PRIMARY KEY,
  "AccountId" CHAR(18) REFERENCES "sf_Account" ("Id"),
  "Salutation" VARCHAR(40),
  "FirstName" VARCHAR(40),
  "LastName" VARCHAR(80) NOT NULL,
  "Title" VARCHAR(128),
  "Department" VARCHAR(80),
  "Email" VARCHAR(80),
  "Phone" VARCHAR(40),
  "MobilePhone" VARCHAR(40),
  "AssistantPhone" VARCHAR(40),
  "MailingStreet" TEXT,
  "MailingCity" VARCHAR(40),
  "MailingCountry" VARCHAR(80),
  "OtherCity" VARCHAR(40),
  "LeadSource" VARCHAR(40),
  "HasOptedOutOfEmail" BOOLEAN NOT NULL DEFAULT 0,
  "DoNotCall" BOOLEAN NOT NULL DEFAULT 0,
  "Birthdate" DATE,
  "ReportsToId" CHAR(18) REFERENCES "sf_Contact" ("Id"),
  "OwnerId" CHAR(18) REFERENCES "sf_User" ("Id"),
  "SystemModstamp" DATETIME NOT NULL
);

CREATE TABLE "sf_Lead" (
  "Id" CHAR(18) PRIMARY KEY,
  "FirstName" VARCHAR(40),
  "LastName" VARCHAR(80) NOT NULL,
  "Company" VARCHAR(255) NOT NULL,
  "Email" VARCHAR(80),
  "Phone" VARCHAR(40),
  "Status" VARCHAR(40) NOT NULL,
  "LeadSource" VARCHAR(40),
  "Industry" VARCHAR(40),
  "Rating" VARCHAR(40),
  "NumberOfEmployees" INTEGER,
  "IsConverted" BOOLEAN NOT NULL DEFAULT 0,
  "ConvertedDate" DATE,
  "ConvertedAccountId" CHAR(18) REFERENCES "sf_Account" ("Id"),
  "ConvertedContactId" CHAR(18) REFERENCES "sf_Contact" ("Id"),
  "OwnerId" CHAR(18) REFERENCES "sf_User" ("Id"),
  "SystemModstamp" DATETIME NOT NULL
);

CREATE TABLE "sf_Opportunity" (
  "Id" CHAR(18) PRIMARY KEY,
  "AccountId" CHAR(18) REFERENCES "sf_Account" ("Id"),
  "Name" VARCHAR(120) NOT NULL,
  "Description" TEXT,
  "StageName" VARCHAR(40) NOT NULL,
  "Amount" DECIMAL(18,2),
  "Probability" DECIMAL(3,0),
  "CloseDate" DATE NOT NULL,
  "Type" VARCHAR(40),
  "NextStep" VARCHAR(255),
  "LeadSource" VARCHAR(40),
  "IsClosed" BOOLEAN NOT NULL,
  "IsWon" BOOLEAN NOT NULL,
  "ForecastCategoryName" VARCHAR(40),
  "Pricebook2Id" CHAR(18),
  "CampaignId" CHAR(18),
  "OwnerId" CHAR(18) REFERENCES "sf_User" ("Id"),
  "FiscalYear" INTEGER,
  "FiscalQuarter" INTEGER,
  "SystemModstamp" DATETIME NOT NULL
);

CREATE TABLE "sf_Product2" (
  "Id" CHAR(18) PRIMARY KEY,
  "Name" VARCHAR(255) NOT NULL,
  "ProductCode" VARCHAR(255),
  "Description" TEXT,
  "Family" VARCHAR(40),
  "IsActive" BOOLEAN NOT NULL DEFAULT 0,
  "QuantityUnitOfMeasure" VARCHAR(40)
);

CREATE TABLE "sf_OpportunityLineItem" (
  "Id" CHAR(18) PRIMARY KEY,
  "OpportunityId" CHAR(18) NOT NULL REFERENCES "sf_Opportunity" ("Id"),
  "Product2Id" CHAR(18) REFERENCES "sf_Product2" ("Id"),
  "PricebookEntryId" CHAR(18),
  "SortOrder" INTEGER,
  "Quantity" DECIMAL(12,2) NOT NULL,
  "ListPrice" DECIMAL(18,2),
  "UnitPrice" DECIMAL(18,2),
  "Discount" DECIMAL(5,2),
  "Subtotal" DECIMAL(18,2),
  "TotalPrice" DECIMAL(18,2),
  "ServiceDate" DATE,
  "Description" VARCHAR(255)
);

CREATE TABLE "sf_Task" (
  "Id" CHAR(18) PRIMARY KEY,
  "WhoId" CHAR(18),
  "WhatId" CHAR(18),
  "Subject" VARCHAR(255),
  "ActivityDate" DATE,
  "Status" VARCHAR(40) NOT NULL,
  "Priority" VARCHAR(40) NOT NULL,
  "Type" VARCHAR(40),
  "TaskSubtype" VARCHAR(40),
  "Description" TEXT,
  "CallDurationInSeconds" INTEGER,
  "CallType" VARCHAR(40),
  "CallDisposition" VARCHAR(255),
  "IsClosed" BOOLEAN NOT NULL,
  "ReminderDateTime" DATETIME,
  "OwnerId" CHAR(18) REFERENCES "sf_User" ("Id")
);
