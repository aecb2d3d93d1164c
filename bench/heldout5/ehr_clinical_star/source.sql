-- EHR operational schema (clinic/hospital OLTP extract)
CREATE TABLE "dept" (
  "dept_id" INTEGER PRIMARY KEY,
  "dept_cd" VARCHAR(10) NOT NULL,
  "dept_nm" VARCHAR(80) NOT NULL,
  "fac_cd" VARCHAR(10),
  "svc_line_cd" VARCHAR(10)
);

CREATE TABLE "prov" (
  "prov_id" INTEGER PRIMARY KEY,
  "npi" CHAR(10),
  "prov_last_nm" VARCHAR(60) NOT NULL,
  "prov_first_nm" VARCHAR(60),
  "prov_type_cd" VARCHAR(10),
  "spec_cd" VARCHAR(10),
  "dea_no" VARCHAR(12),
  "home_dept_id" INTEGER REFERENCES "dept"("dept_id"),
  "active_yn" CHAR(1) DEFAULT 'Y',
  "upd_dttm" TIMESTAMP
);

CREATE TABLE "pt" (
  "pt_id" INTEGER PRIMARY KEY,
  "mrn" VARCHAR(20) NOT NULL UNIQUE,
  "pt_last_nm" VARCHAR(60) NOT NULL,
  "pt_first_nm" VARCHAR(60),
  "pt_mid_init" CHAR(1),
  "dob" DATE,
  "sex_cd" CHAR(1),
  "race_cd" VARCHAR(10),
  "ethnic_cd" VARCHAR(10),
  "lang_cd" VARCHAR(10),
  "addr_line1" VARCHAR(120),
  "city" VARCHAR(60),
  "st_cd" CHAR(2),
  "zip_cd" VARCHAR(10),
  "phone_home" VARCHAR(20),
  "pcp_prov_id" INTEGER REFERENCES "prov"("prov_id"),
  "deceased_dt" DATE,
  "ssn_last4" CHAR(4),
  "upd_dttm" TIMESTAMP
);

CREATE TABLE "pt_cvg" (
  "cvg_id" INTEGER PRIMARY KEY,
  "pt_id" INTEGER NOT NULL REFERENCES "pt"("pt_id"),
  "payer_cd" VARCHAR(10) NOT NULL,
  "plan_nm" VARCHAR(80),
  "member_no" VARCHAR(30),
  "cvg_eff_dt" DATE,
  "cvg_term_dt" DATE,
  "primary_yn" CHAR(1)
);

CREATE TABLE "enc" (
  "enc_id" INTEGER PRIMARY KEY,
  "visit_no" VARCHAR(20) NOT NULL,
  "pt_id" INTEGER NOT NULL REFERENCES "pt"("pt_id"),
  "enc_type_cd" VARCHAR(10),
  "enc_stat_cd" VARCHAR(10),
  "adm_dttm" TIMESTAMP,
  "disch_dttm" TIMESTAMP,
  "attn_prov_id" INTEGER REFERENCES "prov"("prov_id"),
  "admit_prov_id" INTEGER REFERENCES "prov"("prov_id"),
  "dept_id" INTEGER REFERENCES "dept"("dept_id"),
  "adm_src_cd" VARCHAR(10),
  "disch_disp_cd" VARCHAR(10),
  "prim_dx_cd" VARCHAR(10),
  "drg_cd" VARCHAR(5),
  "upd_dttm" TIMESTAMP
);

CREATE TABLE "enc_dx" (
  "enc_id" INTEGER NOT NULL REFERENCES "enc"("enc_id"),
  "dx_seq" INTEGER NOT NULL,
  "dx_cd" VARCHAR(10) NOT NULL,
  "dx_desc" VARCHAR(255),
  "poa_ind" CHAR(1),
  "dx_type_cd" VARCHAR(10),
  PRIMARY KEY ("enc_id", "dx_seq")
);

CREATE TABLE "ord" (
  "ord_id" INTEGER PRIMARY KEY,
  "enc_id" INTEGER NOT NULL REFERENCES "enc"("enc_id"),
  "ord_prov_id" INTEGER REFERENCES "prov"("prov_id"),
  "ord_cd" VARCHAR(20),
  "ord_desc" VARCHAR(120),
  "ord_dttm" TIMESTAMP,
  "ord_stat_cd" VARCHAR(10),
  "priority_cd" VARCHAR(10),
  "ord_class_cd" VARCHAR(10)
);

CREATE TABLE "lab_rslt" (
  "rslt_id" INTEGER PRIMARY KEY,
  "ord_id" INTEGER NOT NULL REFERENCES "ord"("ord_id"),
  "loinc_cd" VARCHAR(10),
  "comp_nm" VARCHAR(80),
  "rslt_val" VARCHAR(40),
  "rslt_num" DECIMAL(12,4),
  "rslt_uom" VARCHAR(20),
  "ref_rng_low" DECIMAL(12,4),
  "ref_rng_high" DECIMAL(12,4),
  "abn_flag" CHAR(2),
  "coll_dttm" TIMESTAMP,
  "rslt_dttm" TIMESTAMP,
  "verif_by" VARCHAR(20),
  "upd_dttm" TIMESTAMP
);

CREATE TABLE "rx_ord" (
  "rx_id" INTEGER PRIMARY KEY,
  "enc_id" INTEGER REFERENCES "enc"("enc_id"),
  "pt_id" INTEGER NOT NULL REFERENCES "pt"("pt_id"),
  "rx_prov_id" INTEGER REFERENCES "prov"("prov_id"),
  "ndc_cd" VARCHAR(11),
  "med_nm" VARCHAR(120),
  "dose_amt" DECIMAL(10,3),
  "dose_uom" VARCHAR(20),
  "route_cd" VARCHAR(10),
  "freq_cd" VARCHAR(20),
  "start_dt" DATE,
  "end_dt" DATE,
  "refills" INTEGER,
  "disp_qty" DECIMAL(10,2)
);
