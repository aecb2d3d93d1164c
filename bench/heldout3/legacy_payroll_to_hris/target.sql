CREATE TABLE "organization" (
  "orgId" INTEGER PRIMARY KEY,
  "orgCode" VARCHAR(10) NOT NULL,
  "orgName" VARCHAR(100) NOT NULL,
  "orgType" VARCHAR(20) NOT NULL DEFAULT 'DEPARTMENT',
  "costCenterCode" VARCHAR(10),
  "divisionCode" VARCHAR(10),
  "managerEmployeeNumber" VARCHAR(12)
);

CREATE TABLE "worker" (
  "workerId" INTEGER PRIMARY KEY,
  "employeeNumber" VARCHAR(12) NOT NULL UNIQUE,
  "legalFirstName" VARCHAR(50) NOT NULL,
  "legalLastName" VARCHAR(50) NOT NULL,
  "preferredName" VARCHAR(50),
  "nationalIdentifier" VARCHAR(20),
  "dateOfBirth" DATE,
  "genderCode" VARCHAR(10),
  "maritalStatusCode" VARCHAR(10),
  "originalHireDate" DATE,
  "continuousServiceDate" DATE,
  "terminationDate" DATE,
  "employmentStatus" VARCHAR(20),
  "workEmail" VARCHAR(255),
  "workPhone" VARCHAR(30),
  "homePhone" VARCHAR(30),
  "homeAddressLine1" VARCHAR(100),
  "homeCity" VARCHAR(60),
  "homeStateProvince" VARCHAR(60),
  "homePostalCode" VARCHAR(20),
  "homeCountryCode" VARCHAR(3),
  "yearsOfService" DECIMAL(5,2)
);

CREATE TABLE "position" (
  "positionId" INTEGER PRIMARY KEY,
  "workerId" INTEGER NOT NULL REFERENCES "worker" ("workerId"),
  "orgId" INTEGER REFERENCES "organization" ("orgId"),
  "jobCode" VARCHAR(10),
  "jobTitle" VARCHAR(100),
  "payGrade" VARCHAR(10),
  "departmentCode" VARCHAR(10),
  "reportsToEmployeeNumber" VARCHAR(12),
  "flsaStatus" VARCHAR(20),
  "timeType" VARCHAR(20),
  "isPrimary" BOOLEAN NOT NULL DEFAULT 1
);

CREATE TABLE "compensation" (
  "compensationId" INTEGER PRIMARY KEY,
  "workerId" INTEGER NOT NULL REFERENCES "worker" ("workerId"),
  "employeeNumber" VARCHAR(12) NOT NULL,
  "effectiveDate" DATE NOT NULL,
  "payRateType" VARCHAR(10),
  "rateAmount" DECIMAL(12,4),
  "standardWeeklyHours" DECIMAL(5,2),
  "payFrequency" VARCHAR(15),
  "currencyCode" CHAR(3) DEFAULT 'USD',
  "annualizedBasePay" DECIMAL(14,2)
);

CREATE TABLE "payStatement" (
  "statementId" INTEGER PRIMARY KEY,
  "workerId" INTEGER NOT NULL REFERENCES "worker" ("workerId"),
  "employeeNumber" VARCHAR(12) NOT NULL,
  "checkNumber" VARCHAR(20) NOT NULL,
  "periodEndDate" DATE,
  "payDate" DATE,
  "grossPay" DECIMAL(12,2),
  "netPay" DECIMAL(12,2),
  "federalIncomeTaxWithheld" DECIMAL(12,2),
  "stateIncomeTaxWithheld" DECIMAL(12,2),
  "socialSecurityTax" DECIMAL(12,2),
  "medicareTax" DECIMAL(12,2),
  "totalEmployeeTaxes" DECIMAL(12,2),
  "totalDeductions" DECIMAL(12,2),
  "isVoid" BOOLEAN
);

CREATE TABLE "payStatementLine" (
  "lineId" INTEGER PRIMARY KEY,
  "statementId" INTEGER NOT NULL REFERENCES "payStatement" ("statementId"),
  "checkNumber" VARCHAR(20) NOT NULL,
  "lineNumber" SMALLINT NOT NULL,
  "payComponentCode" VARCHAR(10),
  "payComponentName" VARCHAR(60),
  "componentCategory" VARCHAR(20),
  "isTaxable" BOOLEAN,
  "hours" DECIMAL(8,2),
  "rate" DECIMAL(12,4),
  "currentAmount" DECIMAL(12,2),
  "yearToDateAmount" DECIMAL(14,2)
);
