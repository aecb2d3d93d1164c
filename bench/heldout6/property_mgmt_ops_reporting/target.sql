-- Operational reporting model (snake_case).

CREATE TABLE "rpt_property" (
    "property_key"        INTEGER PRIMARY KEY,
    "source_property_id"  INTEGER NOT NULL,
    "property_name"       VARCHAR(100),
    "property_type"       VARCHAR(20),
    "street_address"      VARCHAR(120),
    "city"                VARCHAR(60),
    "state"               CHAR(2),
    "postal_code"         VARCHAR(10),
    "year_built"          INTEGER,
    "unit_count"          INTEGER,
    "manager_name"        VARCHAR(80),
    "manager_email"       VARCHAR(120),
    "acquisition_date"    DATE,
    "is_active"           BOOLEAN,
    "etl_loaded_at"       TIMESTAMP NOT NULL
);

CREATE TABLE "rpt_unit" (
    "unit_key"         INTEGER PRIMARY KEY,
    "property_key"     INTEGER NOT NULL,
    "source_unit_id"   INTEGER NOT NULL,
    "unit_number"      VARCHAR(10),
    "floor_plan_code"  VARCHAR(20),
    "bedroom_count"    INTEGER,
    "bathroom_count"   DECIMAL(3,1),
    "square_footage"   INTEGER,
    "asking_rent"      DECIMAL(10,2),
    "unit_status"      VARCHAR(20),
    "furnished_flag"   CHAR(1),
    "etl_loaded_at"    TIMESTAMP NOT NULL,
    FOREIGN KEY ("property_key") REFERENCES "rpt_property" ("property_key")
);

CREATE TABLE "rpt_resident" (
    "resident_key"      INTEGER PRIMARY KEY,
    "source_tenant_id"  INTEGER NOT NULL,
    "first_name"        VARCHAR(50),
    "last_name"         VARCHAR(50),
    "full_name"         VARCHAR(101),
    "email_address"     VARCHAR(120),
    "mobile_phone"      VARCHAR(20),
    "work_phone"        VARCHAR(20),
    "birth_date"        DATE,
    "credit_score"      INTEGER,
    "employer"          VARCHAR(100),
    "monthly_income"    DECIMAL(10,2),
    "etl_loaded_at"     TIMESTAMP NOT NULL
);

CREATE TABLE "rpt_lease" (
    "lease_key"             INTEGER PRIMARY KEY,
    "unit_key"              INTEGER NOT NULL,
    "property_key"          INTEGER NOT NULL,
    "primary_resident_key"  INTEGER NOT NULL,
    "source_lease_id"       INTEGER NOT NULL,
    "lease_start_date"      DATE,
    "lease_end_date"        DATE,
    "move_in_date"          DATE,
    "move_out_date"         DATE,
    "contract_rent"         DECIMAL(10,2),
    "deposit_amount"        DECIMAL(10,2),
    "lease_status"          VARCHAR(20),
    "is_renewal"            BOOLEAN,
    "lease_term_months"     INTEGER,
    "signed_date"           DATE,
    "notice_date"           DATE,
    "occupant_count"        INTEGER,
    "etl_loaded_at"         TIMESTAMP NOT NULL,
    FOREIGN KEY ("unit_key") REFERENCES "rpt_unit" ("unit_key"),
    FOREIGN KEY ("property_key") REFERENCES "rpt_property" ("property_key"),
    FOREIGN KEY ("primary_resident_key") REFERENCES "rpt_resident" ("resident_key")
);

CREATE TABLE "rpt_lease_party" (
    "lease_party_key"  INTEGER PRIMARY KEY,
    "lease_key"        INTEGER NOT NULL,
    "resident_key"     INTEGER NOT NULL,
    "party_role"       VARCHAR(20),
    "added_at"         TIMESTAMP,
    "etl_loaded_at"    TIMESTAMP NOT NULL,
    FOREIGN KEY ("lease_key") REFERENCES "rpt_lease" ("lease_key"),
    FOREIGN KEY ("resident_key") REFERENCES "rpt_resident" ("resident_key")
);

CREATE TABLE "rpt_rent_receipt" (
    "receipt_key"        INTEGER PRIMARY KEY,
    "lease_key"          INTEGER NOT NULL,
    "source_payment_id"  INTEGER NOT NULL,
    "receipt_date"       DATE,
    "amount"             DECIMAL(10,2),
    "late_fee_amount"    DECIMAL(8,2),
    "payment_method"     VARCHAR(20),
    "reference_number"   VARCHAR(40),
    "rent_period"        CHAR(7),
    "is_reversed"        BOOLEAN,
    "received_by_name"   VARCHAR(80),
    "etl_loaded_at"      TIMESTAMP NOT NULL,
    FOREIGN KEY ("lease_key") REFERENCES "rpt_lease" ("lease_key")
);

CREATE TABLE "rpt_work_order" (
    "work_order_key"     INTEGER PRIMARY KEY,
    "unit_key"           INTEGER NOT NULL,
    "property_key"       INTEGER NOT NULL,
    "source_request_id"  INTEGER NOT NULL,
    "category"           VARCHAR(30),
    "priority"           VARCHAR(10),
    "description"        TEXT,
    "status"             VARCHAR(20),
    "opened_at"          TIMESTAMP,
    "scheduled_at"       TIMESTAMP,
    "completed_at"       TIMESTAMP,
    "vendor"             VARCHAR(100),
    "labor_cost"         DECIMAL(10,2),
    "parts_cost"         DECIMAL(10,2),
    "total_cost"         DECIMAL(10,2),
    "days_open"          INTEGER,
    "etl_loaded_at"      TIMESTAMP NOT NULL,
    FOREIGN KEY ("unit_key") REFERENCES "rpt_unit" ("unit_key"),
    FOREIGN KEY ("property_key") REFERENCES "rpt_property" ("property_key")
);
