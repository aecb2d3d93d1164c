-- Property management app backend (camelCase, mirrors the JSON API payloads).

CREATE TABLE "users" (
    "userId"       INTEGER PRIMARY KEY,
    "displayName"  VARCHAR(80) NOT NULL,
    "email"        VARCHAR(120) NOT NULL,
    "role"         VARCHAR(20),
    "createdAt"    TIMESTAMP
);

CREATE TABLE "properties" (
    "propertyId"     INTEGER PRIMARY KEY,
    "propertyName"   VARCHAR(100) NOT NULL,
    "propertyType"   VARCHAR(20),
    "addressLine"    VARCHAR(120),
    "city"           VARCHAR(60),
    "stateCode"      CHAR(2),
    "zip"            VARCHAR(10),
    "yearBuilt"      INTEGER,
    "totalUnits"     INTEGER,
    "managerUserId"  INTEGER,
    "portfolioId"    INTEGER,
    "acquiredOn"     DATE,
    "isActive"       BOOLEAN DEFAULT 1,
    "createdAt"      TIMESTAMP,
    "updatedAt"      TIMESTAMP,
    FOREIGN KEY ("managerUserId") REFERENCES "users" ("userId")
);

CREATE TABLE "units" (
    "unitId"       INTEGER PRIMARY KEY,
    "propertyId"   INTEGER NOT NULL,
    "unitNumber"   VARCHAR(10) NOT NULL,
    "floorPlan"    VARCHAR(20),
    "bedrooms"     INTEGER,
    "bathrooms"    DECIMAL(3,1),
    "squareFeet"   INTEGER,
    "marketRent"   DECIMAL(10,2),
    "unitStatus"   VARCHAR(20),
    "isFurnished"  BOOLEAN,
    "createdAt"    TIMESTAMP,
    "updatedAt"    TIMESTAMP,
    FOREIGN KEY ("propertyId") REFERENCES "properties" ("propertyId")
);

CREATE TABLE "tenants" (
    "tenantId"               INTEGER PRIMARY KEY,
    "firstName"              VARCHAR(50),
    "lastName"               VARCHAR(50),
    "email"                  VARCHAR(120),
    "phoneMobile"            VARCHAR(20),
    "phoneWork"              VARCHAR(20),
    "dateOfBirth"            DATE,
    "creditScore"            INTEGER,
    "employerName"           VARCHAR(100),
    "monthlyIncome"          DECIMAL(10,2),
    "emergencyContactName"   VARCHAR(100),
    "emergencyContactPhone"  VARCHAR(20),
    "createdAt"              TIMESTAMP
);

CREATE TABLE "leases" (
    "leaseId"          INTEGER PRIMARY KEY,
    "unitId"           INTEGER NOT NULL,
    "primaryTenantId"  INTEGER NOT NULL,
    "leaseStart"       DATE NOT NULL,
    "leaseEnd"         DATE,
    "moveInDate"       DATE,
    "moveOutDate"      DATE,
    "monthlyRent"      DECIMAL(10,2) NOT NULL,
    "securityDeposit"  DECIMAL(10,2),
    "leaseStatus"      VARCHAR(20),
    "renewalOf"        INTEGER,
    "signedAt"         TIMESTAMP,
    "noticeGivenOn"    DATE,
    "createdAt"        TIMESTAMP,
    "updatedAt"        TIMESTAMP,
    FOREIGN KEY ("unitId") REFERENCES "units" ("unitId"),
    FOREIGN KEY ("primaryTenantId") REFERENCES "tenants" ("tenantId"),
    FOREIGN KEY ("renewalOf") REFERENCES "leases" ("leaseId")
);

CREATE TABLE "leaseOccupants" (
    "leaseId"       INTEGER NOT NULL,
    "tenantId"      INTEGER NOT NULL,
    "occupantRole"  VARCHAR(20),
    "addedAt"       TIMESTAMP,
    PRIMARY KEY ("leaseId", "tenantId"),
    FOREIGN KEY ("leaseId") REFERENCES "leases" ("leaseId"),
    FOREIGN KEY ("tenantId") REFERENCES "tenants" ("tenantId")
);

CREATE TABLE "rentPayments" (
    "paymentId"      INTEGER PRIMARY KEY,
    "leaseId"        INTEGER NOT NULL,
    "paidOn"         DATE NOT NULL,
    "amountPaid"     DECIMAL(10,2) NOT NULL,
    "paymentMethod"  VARCHAR(20),
    "referenceNo"    VARCHAR(40),
    "periodMonth"    CHAR(7),
    "lateFee"        DECIMAL(8,2),
    "isReversed"     BOOLEAN DEFAULT 0,
    "receivedBy"     INTEGER,
    "createdAt"      TIMESTAMP,
    FOREIGN KEY ("leaseId") REFERENCES "leases" ("leaseId"),
    FOREIGN KEY ("receivedBy") REFERENCES "users" ("userId")
);

CREATE TABLE "maintenanceRequests" (
    "requestId"           INTEGER PRIMARY KEY,
    "unitId"              INTEGER NOT NULL,
    "reportedByTenantId"  INTEGER,
    "category"            VARCHAR(30),
    "priority"            VARCHAR(10),
    "description"         TEXT,
    "status"              VARCHAR(20),
    "openedAt"            TIMESTAMP,
    "scheduledFor"        TIMESTAMP,
    "completedAt"         TIMESTAMP,
    "vendorName"          VARCHAR(100),
    "laborCost"           DECIMAL(10,2),
    "partsCost"           DECIMAL(10,2),
    "createdAt"           TIMESTAMP,
    "updatedAt"           TIMESTAMP,
    FOREIGN KEY ("unitId") REFERENCES "units" ("unitId"),
    FOREIGN KEY ("reportedByTenantId") REFERENCES "tenants" ("tenantId")
);
