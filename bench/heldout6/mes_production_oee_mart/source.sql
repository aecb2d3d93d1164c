-- Shop-floor MES / ERP production schema (terse uppercase codes).

CREATE TABLE "WRK_CTR" (
    "WC_CD"        VARCHAR(8) NOT NULL,
    "WC_DESC"      VARCHAR(40),
    "PLANT_CD"     CHAR(4),
    "COST_CTR"     VARCHAR(10),
    "CAP_HRS_DAY"  DECIMAL(5,2),
    PRIMARY KEY ("WC_CD")
);

CREATE TABLE "MACH" (
    "MACH_ID"          VARCHAR(10) NOT NULL,
    "MACH_DESC"        VARCHAR(60),
    "WC_CD"            VARCHAR(8),
    "MACH_TYPE"        VARCHAR(12),
    "MFR_NM"           VARCHAR(40),
    "MODEL_NO"         VARCHAR(30),
    "SERIAL_NO"        VARCHAR(30),
    "INSTALL_DT"       DATE,
    "IDEAL_CYCLE_SEC"  DECIMAL(8,2),
    "PLANT_CD"         CHAR(4),
    "ACTV_FLG"         CHAR(1),
    PRIMARY KEY ("MACH_ID"),
    FOREIGN KEY ("WC_CD") REFERENCES "WRK_CTR" ("WC_CD")
);

CREATE TABLE "ROUTING" (
    "RTG_NO"    VARCHAR(12) NOT NULL,
    "RTG_REV"   CHAR(3),
    "ITEM_NO"   VARCHAR(18),
    "RTG_DESC"  VARCHAR(60),
    "EFF_DT"    DATE,
    "STAT_CD"   CHAR(1),
    PRIMARY KEY ("RTG_NO")
);

CREATE TABLE "WO_HDR" (
    "WO_NO"           VARCHAR(12) NOT NULL,
    "ITEM_NO"         VARCHAR(18) NOT NULL,
    "WO_TYPE"         CHAR(2),
    "WO_STAT"         CHAR(2),
    "PLANT_CD"        CHAR(4),
    "RTG_NO"          VARCHAR(12),
    "QTY_ORD"         DECIMAL(12,3),
    "QTY_CMPL"        DECIMAL(12,3),
    "UOM"             CHAR(3),
    "SCHED_START_DT"  DATE,
    "SCHED_END_DT"    DATE,
    "ACT_START_TS"    TIMESTAMP,
    "ACT_END_TS"      TIMESTAMP,
    "PRIORITY_CD"     CHAR(1),
    "SO_NO"           VARCHAR(12),
    "CRT_USER"        VARCHAR(10),
    "CRT_TS"          TIMESTAMP,
    PRIMARY KEY ("WO_NO"),
    FOREIGN KEY ("RTG_NO") REFERENCES "ROUTING" ("RTG_NO")
);

CREATE TABLE "WO_OPER" (
    "WO_NO"                 VARCHAR(12) NOT NULL,
    "OPER_SEQ"              INTEGER NOT NULL,
    "WC_CD"                 VARCHAR(8),
    "MACH_ID"               VARCHAR(10),
    "OPER_DESC"             VARCHAR(60),
    "STD_SETUP_MIN"         DECIMAL(8,2),
    "STD_RUN_MIN_PER_UNIT"  DECIMAL(8,4),
    "OPER_STAT"             CHAR(2),
    "QTY_GOOD"              DECIMAL(12,3),
    "QTY_SCRAP"             DECIMAL(12,3),
    "QTY_REWORK"            DECIMAL(12,3),
    "ACT_SETUP_MIN"         DECIMAL(8,2),
    "ACT_RUN_MIN"           DECIMAL(10,2),
    "START_TS"              TIMESTAMP,
    "END_TS"                TIMESTAMP,
    "OPR_EMP_NO"            VARCHAR(10),
    PRIMARY KEY ("WO_NO", "OPER_SEQ"),
    FOREIGN KEY ("WO_NO") REFERENCES "WO_HDR" ("WO_NO"),
    FOREIGN KEY ("MACH_ID") REFERENCES "MACH" ("MACH_ID")
);

CREATE TABLE "DT_RSN" (
    "RSN_CD"    VARCHAR(6) NOT NULL,
    "RSN_DESC"  VARCHAR(60),
    "RSN_CAT"   VARCHAR(12),
    PRIMARY KEY ("RSN_CD")
);

CREATE TABLE "MACH_EVT" (
    "EVT_ID"        INTEGER NOT NULL,
    "MACH_ID"       VARCHAR(10) NOT NULL,
    "EVT_TYPE"      VARCHAR(6),
    "RSN_CD"        VARCHAR(6),
    "EVT_START_TS"  TIMESTAMP NOT NULL,
    "EVT_END_TS"    TIMESTAMP,
    "DUR_MIN"       DECIMAL(10,2),
    "WO_NO"         VARCHAR(12),
    "OPER_SEQ"      INTEGER,
    "COMMENT_TXT"   VARCHAR(255),
    PRIMARY KEY ("EVT_ID"),
    FOREIGN KEY ("MACH_ID") REFERENCES "MACH" ("MACH_ID"),
    FOREIGN KEY ("RSN_CD") REFERENCES "DT_RSN" ("RSN_CD")
);

CREATE TABLE "MAT_LOT" (
    "LOT_NO"    VARCHAR(20) NOT NULL,
    "ITEM_NO"   VARCHAR(18) NOT NULL,
    "LOT_QTY"   DECIMAL(12,3),
    "UOM"       CHAR(3),
    "RCV_DT"    DATE,
    "EXP_DT"    DATE,
    "SUPP_NO"   VARCHAR(10),
    "LOT_STAT"  CHAR(1),
    "WO_NO"     VARCHAR(12),
    PRIMARY KEY ("LOT_NO")
);

CREATE TABLE "LOT_ISSUE" (
    "WO_NO"         VARCHAR(12) NOT NULL,
    "OPER_SEQ"      INTEGER NOT NULL,
    "LOT_NO"        VARCHAR(20) NOT NULL,
    "QTY_ISSUED"    DECIMAL(12,3),
    "ISSUE_TS"      TIMESTAMP NOT NULL,
    "ISSUE_EMP_NO"  VARCHAR(10),
    PRIMARY KEY ("WO_NO", "OPER_SEQ", "LOT_NO", "ISSUE_TS")
);

CREATE TABLE "QC_INSP" (
    "INSP_ID"       INTEGER NOT NULL,
    "WO_NO"         VARCHAR(12),
    "OPER_SEQ"      INTEGER,
    "LOT_NO"        VARCHAR(20),
    "INSP_TS"       TIMESTAMP,
    "INSP_TYPE"     VARCHAR(8),
    "SMPL_SIZE"     INTEGER,
    "QTY_PASS"      INTEGER,
    "QTY_FAIL"      INTEGER,
    "DEFECT_CD"     VARCHAR(8),
    "DISP_CD"       VARCHAR(4),
    "INSPECTOR_ID"  VARCHAR(10),
    "RESULT_CD"     CHAR(1),
    PRIMARY KEY ("INSP_ID")
);
