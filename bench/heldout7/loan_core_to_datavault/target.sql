-- Raw Data Vault 2.0 for lending: hubs, links, satellites, non-historized link; snake_case
CREATE TABLE "hub_customer" (
    "customer_hk"     CHAR(32) PRIMARY KEY,
    "customer_number" VARCHAR(20) NOT NULL,
    "load_dts"        TIMESTAMP NOT NULL,
    "record_source"   VARCHAR(50) NOT NULL
);

CREATE TABLE "hub_loan" (
    "loan_hk"             CHAR(32) PRIMARY KEY,
    "loan_account_number" VARCHAR(20) NOT NULL,
    "load_dts"            TIMESTAMP NOT NULL,
    "record_source"       VARCHAR(50) NOT NULL
);

CREATE TABLE "link_loan_customer" (
    "loan_customer_hk" CHAR(32) PRIMARY KEY,
    "loan_hk"          CHAR(32) NOT NULL REFERENCES "hub_loan" ("loan_hk"),
    "customer_hk"      CHAR(32) NOT NULL REFERENCES "hub_customer" ("customer_hk"),
    "load_dts"         TIMESTAMP NOT NULL,
    "record_source"    VARCHAR(50) NOT NULL
);

CREATE TABLE "sat_customer_profile" (
    "customer_hk"         CHAR(32) NOT NULL REFERENCES "hub_customer" ("customer_hk"),
    "load_dts"            TIMESTAMP NOT NULL,
    "hash_diff"           CHAR(32) NOT NULL,
    "record_source"       VARCHAR(50) NOT NULL,
    "legal_name"          VARCHAR(100),
    "name_line_2"         VARCHAR(100),
    "tax_id"              VARCHAR(20),
    "tax_id_type"         VARCHAR(5),
    "date_of_birth"       DATE,
    "customer_type"       VARCHAR(10),
    "address_line_1"      VARCHAR(100),
    "address_line_2"      VARCHAR(100),
    "city"                VARCHAR(60),
    "state_code"          CHAR(2),
    "postal_code"         VARCHAR(10),
    "home_phone"          VARCHAR(20),
    "email"               VARCHAR(120),
    "customer_since"      DATE,
    "primary_branch_code" VARCHAR(10),
    PRIMARY KEY ("customer_hk", "load_dts")
);

CREATE TABLE "sat_customer_credit" (
    "customer_hk"       CHAR(32) NOT NULL REFERENCES "hub_customer" ("customer_hk"),
    "load_dts"          TIMESTAMP NOT NULL,
    "hash_diff"         CHAR(32) NOT NULL,
    "record_source"     VARCHAR(50) NOT NULL,
    "credit_score"      SMALLINT,
    "credit_score_date" DATE,
    PRIMARY KEY ("customer_hk", "load_dts")
);

CREATE TABLE "sat_loan_terms" (
    "loan_hk"                  CHAR(32) NOT NULL REFERENCES "hub_loan" ("loan_hk"),
    "load_dts"                 TIMESTAMP NOT NULL,
    "hash_diff"                CHAR(32) NOT NULL,
    "record_source"            VARCHAR(50) NOT NULL,
    "product_code"             VARCHAR(10),
    "product_description"      VARCHAR(100),
    "product_class"            VARCHAR(10),
    "branch_code"              VARCHAR(10),
    "loan_officer_code"        VARCHAR(10),
    "origination_date"         DATE,
    "maturity_date"            DATE,
    "original_amount"          NUMERIC(15,2),
    "interest_rate"            NUMERIC(7,5),
    "rate_type"                VARCHAR(5),
    "rate_index_code"          VARCHAR(10),
    "rate_margin"              NUMERIC(7,5),
    "term_length"              SMALLINT,
    "term_unit"                CHAR(1),
    "payment_frequency"        VARCHAR(5),
    "scheduled_payment_amount" NUMERIC(13,2),
    "purpose_code"             VARCHAR(10),
    PRIMARY KEY ("loan_hk", "load_dts")
);

CREATE TABLE "sat_loan_balance" (
    "loan_hk"            CHAR(32) NOT NULL REFERENCES "hub_loan" ("loan_hk"),
    "load_dts"           TIMESTAMP NOT NULL,
    "hash_diff"          CHAR(32) NOT NULL,
    "record_source"      VARCHAR(50) NOT NULL,
    "principal_balance"  NUMERIC(15,2),
    "accrued_interest"   NUMERIC(13,2),
    "interest_paid_ytd"  NUMERIC(13,2),
    "next_due_date"      DATE,
    "last_payment_date"  DATE,
    "loan_status_code"   VARCHAR(5),
    "days_past_due"      INTEGER,
    "delinquency_bucket" VARCHAR(10),
    "collection_code"    VARCHAR(5),
    PRIMARY KEY ("loan_hk", "load_dts")
);

CREATE TABLE "sat_loan_collateral" (
    "loan_hk"                CHAR(32) NOT NULL REFERENCES "hub_loan" ("loan_hk"),
    "collateral_id"          INTEGER NOT NULL,
    "load_dts"               TIMESTAMP NOT NULL,
    "hash_diff"              CHAR(32) NOT NULL,
    "record_source"          VARCHAR(50) NOT NULL,
    "collateral_type"        VARCHAR(10),
    "collateral_description" VARCHAR(200),
    "appraised_value"        NUMERIC(15,2),
    "appraisal_date"         DATE,
    "lien_position"          SMALLINT,
    "vehicle_vin"            CHAR(17),
    "property_address"       VARCHAR(200),
    "insurance_carrier"      VARCHAR(60),
    "insurance_expiry_date"  DATE,
    "loan_to_value_ratio"    NUMERIC(7,4),
    PRIMARY KEY ("loan_hk", "collateral_id", "load_dts")
);

CREATE TABLE "nhl_loan_transaction" (
    "loan_transaction_hk"     CHAR(32) PRIMARY KEY,
    "loan_hk"                 CHAR(32) NOT NULL REFERENCES "hub_loan" ("loan_hk"),
    "load_dts"                TIMESTAMP NOT NULL,
    "record_source"           VARCHAR(50) NOT NULL,
    "transaction_sequence"    INTEGER NOT NULL,
    "transaction_code"        VARCHAR(5),
    "transaction_description" VARCHAR(60),
    "debit_credit_indicator"  CHAR(1),
    "effective_date"          DATE,
    "posting_date"            DATE,
    "transaction_amount"      NUMERIC(15,2),
    "signed_amount"           NUMERIC(15,2),
    "principal_amount"        NUMERIC(15,2),
    "interest_amount"         NUMERIC(15,2),
    "fee_amount"              NUMERIC(15,2),
    "escrow_amount"           NUMERIC(15,2),
    "balance_after"           NUMERIC(15,2),
    "teller_id"               VARCHAR(10),
    "is_reversal"             BOOLEAN
);
