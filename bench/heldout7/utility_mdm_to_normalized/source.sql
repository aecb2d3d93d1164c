-- Vendor meter-data-management (MDMS) / AMI head-end export, camelCase with mdm prefix
CREATE TABLE "mdmAccount" (
    "acctId"           INTEGER PRIMARY KEY,
    "acctNum"          TEXT NOT NULL UNIQUE,
    "custName"         TEXT,
    "custType"         TEXT,
    "billCycle"        TEXT,
    "acctStatus"       TEXT,
    "openDate"         TEXT,
    "closeDate"        TEXT,
    "mailAddr1"        TEXT,
    "mailAddr2"        TEXT,
    "mailCity"         TEXT,
    "mailState"        TEXT,
    "mailZip"          TEXT,
    "phoneNbr"         TEXT,
    "emailAddr"        TEXT,
    "budgetBillingInd" TEXT,
    "creditRating"     TEXT,
    "lastUpdTs"        TEXT
);

CREATE TABLE "mdmPremise" (
    "premId"     TEXT PRIMARY KEY,
    "addrLine1"  TEXT,
    "addrLine2"  TEXT,
    "city"       TEXT,
    "stateCd"    TEXT,
    "zip5"       TEXT,
    "zip4"       TEXT,
    "lat"        REAL,
    "lon"        REAL,
    "premType"   TEXT,
    "tzName"     TEXT,
    "gisId"      TEXT,
    "lastUpdTs"  TEXT
);

CREATE TABLE "mdmTariff" (
    "rateCode"  TEXT PRIMARY KEY,
    "rateDesc"  TEXT,
    "commodity" TEXT,
    "custClass" TEXT,
    "effDate"   TEXT,
    "expDate"   TEXT,
    "touInd"    TEXT
);

CREATE TABLE "mdmServicePoint" (
    "spId"           TEXT PRIMARY KEY,
    "premId"         TEXT NOT NULL,
    "acctId"         INTEGER,
    "rateCode"       TEXT,
    "commodity"      TEXT,
    "svcStatus"      TEXT,
    "connectDate"    TEXT,
    "disconnectDate" TEXT,
    "voltageLvl"     TEXT,
    "phaseCd"        TEXT,
    "feederId"       TEXT,
    "xfmrId"         TEXT,
    "routeCd"        TEXT,
    "lastUpdTs"      TEXT,
    FOREIGN KEY ("premId") REFERENCES "mdmPremise" ("premId"),
    FOREIGN KEY ("acctId") REFERENCES "mdmAccount" ("acctId"),
    FOREIGN KEY ("rateCode") REFERENCES "mdmTariff" ("rateCode")
);

CREATE TABLE "mdmMeter" (
    "meterId"     INTEGER PRIMARY KEY,
    "badgeNo"     TEXT,
    "serialNo"    TEXT NOT NULL,
    "mfrCode"     TEXT,
    "modelNo"     TEXT,
    "meterForm"   TEXT,
    "multiplier"  REAL,
    "numDials"    INTEGER,
    "fwVersion"   TEXT,
    "commModType" TEXT,
    "commModMac"  TEXT,
    "purchaseDt"  TEXT,
    "meterStatus" TEXT,
    "lastUpdTs"   TEXT
);

CREATE TABLE "mdmMeterInstall" (
    "installId"     INTEGER PRIMARY KEY,
    "meterId"       INTEGER NOT NULL,
    "spId"          TEXT NOT NULL,
    "installDt"     TEXT,
    "removeDt"      TEXT,
    "installReason" TEXT,
    "removeReason"  TEXT,
    "sealNo"        TEXT,
    "techId"        TEXT,
    "woNum"         TEXT,
    FOREIGN KEY ("meterId") REFERENCES "mdmMeter" ("meterId"),
    FOREIGN KEY ("spId") REFERENCES "mdmServicePoint" ("spId")
);

CREATE TABLE "mdmRegisterRead" (
    "readId"     INTEGER PRIMARY KEY,
    "meterId"    INTEGER NOT NULL,
    "regNum"     INTEGER NOT NULL,
    "readDt"     TEXT NOT NULL,
    "readValue"  REAL,
    "usageQty"   REAL,
    "uom"        TEXT,
    "readType"   TEXT,
    "readSource" TEXT,
    "valStatus"  TEXT,
    "insertTs"   TEXT,
    FOREIGN KEY ("meterId") REFERENCES "mdmMeter" ("meterId")
);

CREATE TABLE "mdmIntervalRead" (
    "meterId"      INTEGER NOT NULL,
    "channel"      INTEGER NOT NULL,
    "intervalEnd"  TEXT NOT NULL,
    "intervalSecs" INTEGER,
    "value"        REAL,
    "uom"          TEXT,
    "qualityFlags" TEXT,
    "estInd"       TEXT,
    "receivedTs"   TEXT,
    PRIMARY KEY ("meterId", "channel", "intervalEnd"),
    FOREIGN KEY ("meterId") REFERENCES "mdmMeter" ("meterId")
);
