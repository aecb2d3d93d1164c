-- Legacy policy administration system (PAS), mainframe-era extract.
-- No foreign keys are declared in the legacy catalog.

CREATE TABLE "PolMstr" (
    "PolNo"      VARCHAR(12) NOT NULL,
    "PolSfx"     CHAR(2),
    "InsdId"     INTEGER NOT NULL,
    "AgtCd"      VARCHAR(8),
    "ProdCd"     VARCHAR(6),
    "LobCd"      CHAR(3),
    "EffDt"      DATE,
    "ExpDt"      DATE,
    "IssDt"      DATE,
    "CnclDt"     DATE,
    "CnclRsnCd"  VARCHAR(4),
    "PolStatCd"  CHAR(1),
    "UwrId"      VARCHAR(8),
    "TermMos"    INTEGER,
    "BillPlnCd"  VARCHAR(4),
    "StCd"       CHAR(2),
    "RnwlCnt"    INTEGER,
    "LstChgDt"   TIMESTAMP,
    "LstChgUsr"  VARCHAR(8),
    PRIMARY KEY ("PolNo")
);

CREATE TABLE "InsdMstr" (
    "InsdId"      INTEGER NOT NULL,
    "InsdNm"      VARCHAR(60),
    "InsdFrstNm"  VARCHAR(30),
    "InsdLstNm"   VARCHAR(30),
    "InsdTypCd"   CHAR(1),
    "DOB"         DATE,
    "TaxId"       VARCHAR(11),
    "Addr1"       VARCHAR(40),
    "Addr2"       VARCHAR(40),
    "CityNm"      VARCHAR(30),
    "StCd"        CHAR(2),
    "ZipCd"       VARCHAR(10),
    "PhnNo"       VARCHAR(15),
    "EmlAddr"     VARCHAR(80),
    "CrdScr"      INTEGER,
    "LstChgDt"    TIMESTAMP,
    PRIMARY KEY ("InsdId")
);

CREATE TABLE "AgtMstr" (
    "AgtCd"    VARCHAR(8) NOT NULL,
    "AgtNm"    VARCHAR(50),
    "AgcyNm"   VARCHAR(60),
    "AgtStCd"  CHAR(2),
    "LicNo"    VARCHAR(20),
    "CommPct"  DECIMAL(5,2),
    "ActvInd"  CHAR(1),
    PRIMARY KEY ("AgtCd")
);

CREATE TABLE "PolCov" (
    "PolNo"     VARCHAR(12) NOT NULL,
    "CovSeq"    INTEGER NOT NULL,
    "CovCd"     VARCHAR(6),
    "CovDesc"   VARCHAR(50),
    "LmtAmt"    DECIMAL(13,2),
    "DedAmt"    DECIMAL(11,2),
    "CovPrem"   DECIMAL(11,2),
    "CovEffDt"  DATE,
    "CovExpDt"  DATE,
    "CovStatCd" CHAR(1),
    PRIMARY KEY ("PolNo", "CovSeq")
);

CREATE TABLE "ClmHdr" (
    "ClmNo"       VARCHAR(14) NOT NULL,
    "PolNo"       VARCHAR(12) NOT NULL,
    "CovSeq"      INTEGER,
    "LossDt"      DATE,
    "RptDt"       DATE,
    "ClmStatCd"   CHAR(2),
    "ClmAmt"      DECIMAL(13,2),
    "RsrvAmt"     DECIMAL(13,2),
    "CloseDt"     DATE,
    "AdjId"       VARCHAR(8),
    "LossCausCd"  VARCHAR(4),
    "LossDesc"    VARCHAR(200),
    "CatCd"       VARCHAR(6),
    "LstChgDt"    TIMESTAMP,
    PRIMARY KEY ("ClmNo")
);

CREATE TABLE "ClmPmt" (
    "ClmNo"     VARCHAR(14) NOT NULL,
    "PmtSeq"    INTEGER NOT NULL,
    "PmtDt"     DATE,
    "PmtAmt"    DECIMAL(13,2),
    "PmtTypCd"  CHAR(1),
    "ChkNo"     VARCHAR(12),
    "PayeeNm"   VARCHAR(60),
    "VoidInd"   CHAR(1),
    PRIMARY KEY ("ClmNo", "PmtSeq")
);

CREATE TABLE "PremTxn" (
    "TxnId"        INTEGER NOT NULL,
    "PolNo"        VARCHAR(12) NOT NULL,
    "TxnDt"        DATE,
    "TxnTypCd"     CHAR(2),
    "WrtnPremAmt"  DECIMAL(11,2),
    "TaxAmt"       DECIMAL(9,2),
    "FeeAmt"       DECIMAL(9,2),
    "CommAmt"      DECIMAL(9,2),
    "AcctgPrd"     CHAR(6),
    "PostDt"       DATE,
    PRIMARY KEY ("TxnId")
);
