-- Utility enterprise model (CIM-inspired, 3NF), snake_case with generated identity keys
CREATE TABLE "customer_account" (
    "customer_account_id"    INTEGER PRIMARY KEY,
    "account_number"         VARCHAR(20) NOT NULL UNIQUE,
    "account_name"           VARCHAR(120),
    "customer_class"         VARCHAR(20),
    "bill_cycle_code"        VARCHAR(4),
    "account_status"         VARCHAR(20),
    "opened_on"              DATE,
    "closed_on"              DATE,
    "mailing_address_line1"  VARCHAR(120),
    "mailing_city"           VARCHAR(60),
    "mailing_state"          CHAR(2),
    "mailing_postal_code"    VARCHAR(10),
    "phone"                  VARCHAR(20),
    "email"                  VARCHAR(120),
    "is_budget_billing"      BOOLEAN
);

CREATE TABLE "service_location" (
    "service_location_id" INTEGER PRIMARY KEY,
    "premise_number"      VARCHAR(20) NOT NULL UNIQUE,
    "address_line_1"      VARCHAR(120),
    "address_line_2"      VARCHAR(120),
    "city"                VARCHAR(60),
    "state_code"          CHAR(2),
    "zip_code"            CHAR(5),
    "zip_plus4"           CHAR(4),
    "latitude"            NUMERIC(9,6),
    "longitude"           NUMERIC(9,6),
    "premise_type"        VARCHAR(20),
    "time_zone"           VARCHAR(40)
);

CREATE TABLE "tariff" (
    "tariff_id"      INTEGER PRIMARY KEY,
    "tariff_code"    VARCHAR(20) NOT NULL UNIQUE,
    "tariff_name"    VARCHAR(120),
    "commodity_type" VARCHAR(10),
    "customer_class" VARCHAR(20),
    "effective_date" DATE,
    "expiry_date"    DATE
);

CREATE TABLE "usage_point" (
    "usage_point_id"       INTEGER PRIMARY KEY,
    "service_location_id"  INTEGER NOT NULL REFERENCES "service_location" ("service_location_id"),
    "customer_account_id"  INTEGER REFERENCES "customer_account" ("customer_account_id"),
    "tariff_id"            INTEGER REFERENCES "tariff" ("tariff_id"),
    "service_point_number" VARCHAR(20) NOT NULL UNIQUE,
    "commodity_type"       VARCHAR(10),
    "service_status"       VARCHAR(20),
    "connected_on"         DATE,
    "disconnected_on"      DATE,
    "voltage_level"        VARCHAR(10),
    "phase_code"           VARCHAR(5),
    "feeder_code"          VARCHAR(20),
    "transformer_code"     VARCHAR(20),
    "read_route"           VARCHAR(10)
);

CREATE TABLE "meter_asset" (
    "meter_asset_id"      INTEGER PRIMARY KEY,
    "badge_number"        VARCHAR(20),
    "serial_number"       VARCHAR(40) NOT NULL,
    "manufacturer_code"   VARCHAR(10),
    "model_number"        VARCHAR(40),
    "meter_form"          VARCHAR(10),
    "register_multiplier" NUMERIC(10,4),
    "dial_count"          SMALLINT,
    "firmware_version"    VARCHAR(20),
    "comm_module_type"    VARCHAR(20),
    "purchase_date"       DATE,
    "asset_status"        VARCHAR(20)
);

CREATE TABLE "meter_installation" (
    "meter_installation_id" INTEGER PRIMARY KEY,
    "meter_asset_id"        INTEGER NOT NULL REFERENCES "meter_asset" ("meter_asset_id"),
    "usage_point_id"        INTEGER NOT NULL REFERENCES "usage_point" ("usage_point_id"),
    "installed_at"          TIMESTAMP,
    "removed_at"            TIMESTAMP,
    "install_reason_code"   VARCHAR(10),
    "removal_reason_code"   VARCHAR(10),
    "seal_number"           VARCHAR(20),
    "technician_code"       VARCHAR(20),
    "is_active"             BOOLEAN
);

CREATE TABLE "register_reading" (
    "register_reading_id" BIGINT PRIMARY KEY,
    "meter_asset_id"      INTEGER NOT NULL REFERENCES "meter_asset" ("meter_asset_id"),
    "register_number"     SMALLINT NOT NULL,
    "read_at"             TIMESTAMP NOT NULL,
    "reading_value"       NUMERIC(14,4),
    "unit_of_measure"     VARCHAR(10),
    "reading_type"        VARCHAR(10),
    "reading_source"      VARCHAR(20),
    "validation_status"   VARCHAR(10),
    "load_ts"             TIMESTAMP
);

CREATE TABLE "interval_reading" (
    "interval_reading_id"     BIGINT PRIMARY KEY,
    "meter_asset_id"          INTEGER NOT NULL REFERENCES "meter_asset" ("meter_asset_id"),
    "channel_number"          SMALLINT NOT NULL,
    "interval_end_at"         TIMESTAMP NOT NULL,
    "interval_length_minutes" SMALLINT,
    "interval_value"          NUMERIC(14,4),
    "unit_of_measure"         VARCHAR(10),
    "quality_code"            VARCHAR(20),
    "is_estimated"            BOOLEAN,
    "received_at"             TIMESTAMP,
    "load_ts"                 TIMESTAMP
);
