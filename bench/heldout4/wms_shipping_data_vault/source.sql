CREATE TABLE "tblWarehouse" (
  "warehouseId" INTEGER PRIMARY KEY,
  "whCode" VARCHAR(8) NOT NULL UNIQUE,
  "whName" VARCHAR(100) NOT NULL,
  "addrLine1" VARCHAR(100),
  "addrLine2" VARCHAR(100),
  "city" VARCHAR(60),
  "postCode" VARCHAR(12),
  "countryIso2" CHAR(2) NOT NULL,
  "timeZone" VARCHAR(40),
  "sqMeters" INTEGER,
  "dockDoors" INTEGER,
  "isBonded" BIT NOT NULL DEFAULT 0,
  "managerEmail" VARCHAR(200),
  "createdOn" DATETIME NOT NULL,
  "modifiedOn" DATETIME
);

CREATE TABLE "tblCarrier" (
  "carrierId" INTEGER PRIMARY KEY,
  "scac" CHAR(4) NOT NULL UNIQUE,
  "carrierName" VARCHAR(100) NOT NULL,
  "transportMode" VARCHAR(10) NOT NULL,
  "accountNo" VARCHAR(30),
  "apiEndpoint" VARCHAR(255),
  "isActive" BIT NOT NULL DEFAULT 1,
  "contactEmail" VARCHAR(200),
  "modifiedOn" DATETIME
);

CREATE TABLE "tblShipment" (
  "shipmentId" INTEGER PRIMARY KEY,
  "shipmentRef" VARCHAR(20) NOT NULL UNIQUE,
  "orderRef" VARCHAR(40),
  "clientAccountNo" VARCHAR(20) NOT NULL,
  "warehouseId" INTEGER NOT NULL REFERENCES "tblWarehouse"("warehouseId"),
  "carrierId" INTEGER REFERENCES "tblCarrier"("carrierId"),
  "serviceCode" VARCHAR(10),
  "statusCd" VARCHAR(4) NOT NULL,
  "shipDate" DATETIME,
  "promisedDate" DATE,
  "deliveredDate" DATETIME,
  "incoterms" CHAR(3),
  "declaredValue" DECIMAL(12,2),
  "declaredCcy" CHAR(3),
  "grossWeightKg" DECIMAL(9,3),
  "parcelCount" INTEGER,
  "shipToName" VARCHAR(100) NOT NULL,
  "shipToCompany" VARCHAR(100),
  "shipToAddr1" VARCHAR(100) NOT NULL,
  "shipToAddr2" VARCHAR(100),
  "shipToCity" VARCHAR(60) NOT NULL,
  "shipToZip" VARCHAR(12),
  "shipToCountry" CHAR(2) NOT NULL,
  "shipToPhone" VARCHAR(30),
  "shipToEmail" VARCHAR(200),
  "createdBy" VARCHAR(40),
  "createdOn" DATETIME NOT NULL,
  "modifiedOn" DATETIME
);

CREATE TABLE "tblParcel" (
  "parcelId" INTEGER PRIMARY KEY,
  "shipmentId" INTEGER NOT NULL REFERENCES "tblShipment"("shipmentId"),
  "trackingNo" VARCHAR(40) NOT NULL,
  "seqNo" INTEGER NOT NULL,
  "pkgType" VARCHAR(10),
  "weightKg" DECIMAL(9,3),
  "lengthCm" DECIMAL(7,1),
  "widthCm" DECIMAL(7,1),
  "heightCm" DECIMAL(7,1),
  "labelPrintedOn" DATETIME,
  "labelFormat" VARCHAR(4),
  "modifiedOn" DATETIME
);

CREATE TABLE "tblTrackingEvent" (
  "eventId" INTEGER PRIMARY KEY,
  "parcelId" INTEGER NOT NULL REFERENCES "tblParcel"("parcelId"),
  "eventTs" DATETIME NOT NULL,
  "eventCode" VARCHAR(6) NOT NULL,
  "eventDesc" VARCHAR(200),
  "locCity" VARCHAR(60),
  "locPostCode" VARCHAR(12),
  "locCountry" CHAR(2),
  "signatory" VARCHAR(100),
  "exceptionCd" VARCHAR(6),
  "receivedOn" DATETIME NOT NULL
);
