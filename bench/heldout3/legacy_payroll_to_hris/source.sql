CREATE TABLE "tbl_Dept" (
  "c_DeptCd" CHAR(6) PRIMARY KEY,
  "c_DeptDesc" VARCHAR(40) NOT NULL,
  "c_CostCtr" CHAR(8),
  "c_DivCd" CHAR(3),
  "c_MgrEmpNo" INTEGER,
  "c_GLDistCd" CHAR(4),
  "c_ActiveFlg" CHAR(1) DEFAULT 'Y'
);

CREATE TABLE "tbl_Job" (
  "c_JobCd" CHAR(6) PRIMARY KEY,
  "c_JobTitle" VARCHAR(40) NOT NULL,
  "c_PayGrade" CHAR(3),
  "c_MinRate" DECIMAL(9,4),
  "c_MaxRate" DECIMAL(9,4),
  "c_EEOCat" CHAR(2),
  "c_WCCode" CHAR(4)
);

CREATE TABLE "tbl_Emp" (
  "c_EmpNo" INTEGER PRIMARY KEY,
  "c_LName" VARCHAR(30) NOT NULL,
  "c_FName" VARCHAR(20) NOT NULL,
  "c_MI" CHAR(1),
  "c_NickName" VARCHAR(20),
  "c_SSN" CHAR(9) NOT NULL,
  "c_DOB" DATE,
  "c_Sex" CHAR(1),
  "c_MarStat" CHAR(1),
  "c_HireDt" DATE NOT NULL,
  "c_RehireDt" DATE,
  "c_SenDt" DATE,
  "c_TermDt" DATE,
  "c_TermRsn" CHAR(3),
  "c_StatusCd" CHAR(1) NOT NULL,
  "c_DeptCd" CHAR(6) REFERENCES "tbl_Dept" ("c_DeptCd"),
  "c_JobCd" CHAR(6) REFERENCES "tbl_Job" ("c_JobCd"),
  "c_SupvEmpNo" INTEGER REFERENCES "tbl_Emp" ("c_EmpNo"),
  "c_FLSA" CHAR(1),
  "c_FTPT" CHAR(1),
  "c_PayFreq" CHAR(1),
  "c_WorkSt" CHAR(2),
  "c_HomePh" VARCHAR(14),
  "c_EmailAddr" VARCHAR(60),
  "c_LastChgDt" DATE,
  "c_LastChgUsr" CHAR(8)
);

CREATE TABLE "tbl_EmpAddr" (
  "c_EmpNo" INTEGER NOT NULL REFERENCES "tbl_Emp" ("c_EmpNo"),
  "c_AddrType" CHAR(1) NOT NULL,
  "c_Addr1" VARCHAR(40),
  "c_Addr2" VARCHAR(40),
  "c_City" VARCHAR(25),
  "c_St" CHAR(2),
  "c_Zip" VARCHAR(10),
  "c_Cntry" CHAR(3),
  "c_County" VARCHAR(25),
  PRIMARY KEY ("c_EmpNo", "c_AddrType")
);

CREATE TABLE "tbl_PayRate" (
  "c_EmpNo" INTEGER NOT NULL REFERENCES "tbl_Emp" ("c_EmpNo"),
  "c_EffDt" DATE NOT NULL,
  "c_RateType" CHAR(1) NOT NULL,
  "c_Rate" DECIMAL(11,4) NOT NULL,
  "c_StdHrs" DECIMAL(5,2),
  "c_ChgRsn" CHAR(3),
  "c_EntUsr" CHAR(8),
  PRIMARY KEY ("c_EmpNo", "c_EffDt")
);

CREATE TABLE "tbl_EarnDedCode" (
  "c_EarnDedCd" CHAR(4) PRIMARY KEY,
  "c_Desc" VARCHAR(30) NOT NULL,
  "c_Type" CHAR(1) NOT NULL,
  "c_Taxable" CHAR(1),
  "c_PreTax" CHAR(1),
  "c_GLAcct" CHAR(10),
  "c_W2Box" CHAR(3)
);

CREATE TABLE "tbl_PayChk" (
  "c_ChkNo" INTEGER PRIMARY KEY,
  "c_EmpNo" INTEGER NOT NULL REFERENCES "tbl_Emp" ("c_EmpNo"),
  "c_PayPerBeg" DATE,
  "c_PayPerEnd" DATE NOT NULL,
  "c_ChkDt" DATE NOT NULL,
  "c_GrossAmt" DECIMAL(11,2) NOT NULL,
  "c_NetAmt" DECIMAL(11,2) NOT NULL,
  "c_FedWH" DECIMAL(11,2),
  "c_StateWH" DECIMAL(11,2),
  "c_LocalWH" DECIMAL(11,2),
  "c_FICA_SS" DECIMAL(11,2),
  "c_FICA_Med" DECIMAL(11,2),
  "c_VoidFlg" CHAR(1) DEFAULT 'N',
  "c_DirDepFlg" CHAR(1) DEFAULT 'N',
  "c_BatchNo" INTEGER,
  "c_PrtCnt" SMALLINT
);

CREATE TABLE "tbl_PayChkDtl" (
  "c_ChkNo" INTEGER NOT NULL REFERENCES "tbl_PayChk" ("c_ChkNo"),
  "c_SeqNo" SMALLINT NOT NULL,
  "c_EarnDedCd" CHAR(4) NOT NULL REFERENCES "tbl_EarnDedCode" ("c_EarnDedCd"),
  "c_Hrs" DECIMAL(7,2),
  "c_Rate" DECIMAL(11,4),
  "c_Amt" DECIMAL(11,2) NOT NULL,
  "c_YTDAmt" DECIMAL(13,2),
  PRIMARY KEY ("c_ChkNo", "c_SeqNo")
);

CREATE TABLE "tbl_DirDep" (
  "c_EmpNo" INTEGER NOT NULL REFERENCES "tbl_Emp" ("c_EmpNo"),
  "c_SeqNo" SMALLINT NOT NULL,
  "c_RoutNo" CHAR(9) NOT NULL,
  "c_AcctNo" VARCHAR(17) NOT NULL,
  "c_AcctType" CHAR(1),
  "c_Amt" DECIMAL(11,2),
  "c_Pct" DECIMAL(5,2),
  "c_PrenoteDt" DATE,
  PRIMARY KEY ("c_EmpNo", "c_SeqNo")
);
