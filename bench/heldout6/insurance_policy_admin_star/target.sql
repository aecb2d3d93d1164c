-- Insurance analytics star schema.

CREATE TABLE "dim_policy" (
    "policy_key"                INTEGER PRIMARY KEY,
    "policy_number"             VARCHAR(12) NOT NULL,
    "policy_suffix"             CHAR(2),
    "product_code"              VARCHAR(6),
    "line_of_business_code"     VARCHAR(3),
    "effective_date"            DATE,
    "expiration_date"           DATE,
    "issue_date"                DATE,
    "cancellation_date"         DATE,
    "cancellation_reason_code"  VARCHAR(4),
    "policy_status_code"        CHAR(1),
    "term_months"               INTEGER,
    "billing_plan_code"         VARCHAR(4),
    "issue_state_code"          CHAR(2),
    "renewal_count"             INTEGER,
    "underwriter_code"          VARCHAR(8),
    "agent_code"                VARCHAR(8),
    "agency_name"               VARCHAR(60),
    "valid_from"                TIMESTAMP NOT NULL,
    "valid_to"                  TIMESTAMP,
    "is_current"                BOOLEAN NOT NULL,
    "load_ts"                   TIMESTAMP NOT NULL
);

CREATE TABLE "dim_insured" (
    "insured_key"        INTEGER PRIMARY KEY,
    "insured_number"     INTEGER NOT NULL,
    "insured_name"       VARCHAR(60),
    "first_name"         VARCHAR(30),
    "last_name"          VARCHAR(30),
    "insured_type_code"  CHAR(1),
    "birth_date"         DATE,
    "address_line_1"     VARCHAR(40),
    "address_line_2"     VARCHAR(40),
    "city"               VARCHAR(30),
    "state_code"         CHAR(2),
    "postal_code"        VARCHAR(10),
    "email_address"      VARCHAR(80),
    "phone_number"       VARCHAR(15),
    "credit_tier"        VARCHAR(10),
    "load_ts"            TIMESTAMP NOT NULL
);

CREATE TABLE "dim_agent" (
    "agent_key"         INTEGER PRIMARY KEY,
    "agent_code"        VARCHAR(8) NOT NULL,
    "agent_name"        VARCHAR(50),
    "agency_name"       VARCHAR(60),
    "license_number"    VARCHAR(20),
    "commission_rate"   DECIMAL(5,4),
    "home_state_code"   CHAR(2),
    "is_active"         BOOLEAN,
    "load_ts"           TIMESTAMP NOT NULL
);

CREATE TABLE "dim_coverage" (
    "coverage_key"              INTEGER PRIMARY KEY,
    "policy_key"                INTEGER NOT NULL,
    "coverage_seq_no"           INTEGER NOT NULL,
    "coverage_code"             VARCHAR(6),
    "coverage_description"      VARCHAR(50),
    "limit_amount"              DECIMAL(13,2),
    "deductible_amount"         DECIMAL(11,2),
    "coverage_premium_amount"   DECIMAL(11,2),
    "coverage_effective_date"   DATE,
    "coverage_expiration_date"  DATE,
    "load_ts"                   TIMESTAMP NOT NULL,
    FOREIGN KEY ("policy_key") REFERENCES "dim_policy" ("policy_key")
);

CREATE TABLE "fact_claim" (
    "claim_key"              INTEGER PRIMARY KEY,
    "claim_number"           VARCHAR(14) NOT NULL,
    "policy_key"             INTEGER NOT NULL,
    "insured_key"            INTEGER NOT NULL,
    "coverage_key"           INTEGER,
    "loss_date_key"          INTEGER,
    "report_date_key"        INTEGER,
    "loss_date"              DATE,
    "report_date"            DATE,
    "closed_date"            DATE,
    "claim_status_code"      CHAR(2),
    "loss_cause_code"        VARCHAR(4),
    "catastrophe_code"       VARCHAR(6),
    "adjuster_code"          VARCHAR(8),
    "loss_description"       VARCHAR(200),
    "claimed_amount"         DECIMAL(13,2),
    "case_reserve_amount"    DECIMAL(13,2),
    "paid_indemnity_amount"  DECIMAL(13,2),
    "paid_expense_amount"    DECIMAL(13,2),
    "incurred_amount"        DECIMAL(13,2),
    "report_lag_days"        INTEGER,
    "load_ts"                TIMESTAMP NOT NULL,
    FOREIGN KEY ("policy_key") REFERENCES "dim_policy" ("policy_key"),
    FOREIGN KEY ("insured_key") REFERENCES "dim_insured" ("insured_key"),
    FOREIGN KEY ("coverage_key") REFERENCES "dim_coverage" ("coverage_key")
);

CREATE TABLE "fact_claim_payment" (
    "claim_payment_key"  INTEGER PRIMARY KEY,
    "claim_key"          INTEGER NOT NULL,
    "payment_date_key"   INTEGER,
    "claim_number"       VARCHAR(14) NOT NULL,
    "payment_seq_no"     INTEGER NOT NULL,
    "payment_date"       DATE,
    "payment_type_code"  CHAR(1),
    "payment_amount"     DECIMAL(13,2),
    "check_number"       VARCHAR(12),
    "payee_name"         VARCHAR(60),
    "is_void"            BOOLEAN,
    "load_ts"            TIMESTAMP NOT NULL,
    FOREIGN KEY ("claim_key") REFERENCES "fact_claim" ("claim_key")
);

CREATE TABLE "fact_premium" (
    "premium_key"              INTEGER PRIMARY KEY,
    "policy_key"               INTEGER NOT NULL,
    "agent_key"                INTEGER,
    "insured_key"              INTEGER,
    "transaction_date_key"     INTEGER,
    "transaction_number"       INTEGER NOT NULL,
    "transaction_date"         DATE,
    "posting_date"             DATE,
    "accounting_period"        CHAR(6),
    "transaction_type_code"    CHAR(2),
    "written_premium_amount"   DECIMAL(11,2),
    "tax_amount"               DECIMAL(9,2),
    "fee_amount"               DECIMAL(9,2),
    "commission_amount"        DECIMAL(9,2),
    "net_premium_amount"       DECIMAL(11,2),
    "load_ts"                  TIMESTAMP NOT NULL,
    FOREIGN KEY ("policy_key") REFERENCES "dim_policy" ("policy_key"),
    FOREIGN KEY ("agent_key") REFERENCES "dim_agent" ("agent_key"),
    FOREIGN KEY ("insured_key") REFERENCES "dim_insured" ("insured_key")
);
