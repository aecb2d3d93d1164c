-- Production performance mart (OEE-style facts and conformed dimensions).

CREATE TABLE "dim_machine" (
    "machine_key"           INTEGER PRIMARY KEY,
    "machine_code"          VARCHAR(10) NOT NULL,
    "machine_name"          VARCHAR(60),
    "machine_type"          VARCHAR(12),
    "manufacturer"          VARCHAR(40),
    "model_number"          VARCHAR(30),
    "serial_number"         VARCHAR(30),
    "install_date"          DATE,
    "ideal_cycle_time_sec"  DECIMAL(8,2),
    "work_center_code"      VARCHAR(8),
    "work_center_name"      VARCHAR(40),
    "plant_code"            CHAR(4),
    "cost_center"           VARCHAR(10),
    "is_active"             BOOLEAN,
    "valid_from"            TIMESTAMP NOT NULL,
    "valid_to"              TIMESTAMP
);

CREATE TABLE "dim_work_order" (
    "work_order_key"         INTEGER PRIMARY KEY,
    "work_order_number"      VARCHAR(12) NOT NULL,
    "item_number"            VARCHAR(18),
    "order_type"             CHAR(2),
    "order_status"           CHAR(2),
    "plant_code"             CHAR(4),
    "order_quantity"         DECIMAL(12,3),
    "unit_of_measure"        CHAR(3),
    "planned_start_date"     DATE,
    "planned_finish_date"    DATE,
    "actual_start_ts"        TIMESTAMP,
    "actual_finish_ts"       TIMESTAMP,
    "priority"               CHAR(1),
    "sales_order_number"     VARCHAR(12),
    "routing_code"           VARCHAR(12),
    "routing_revision"       CHAR(3),
    "routing_description"    VARCHAR(60),
    "load_dts"               TIMESTAMP NOT NULL
);

CREATE TABLE "dim_downtime_reason" (
    "downtime_reason_key"  INTEGER PRIMARY KEY,
    "reason_code"          VARCHAR(6) NOT NULL,
    "reason_description"   VARCHAR(60),
    "reason_category"      VARCHAR(12),
    "is_planned"           BOOLEAN
);

CREATE TABLE "dim_material_lot" (
    "lot_key"                      INTEGER PRIMARY KEY,
    "lot_number"                   VARCHAR(20) NOT NULL,
    "item_number"                  VARCHAR(18),
    "lot_quantity"                 DECIMAL(12,3),
    "unit_of_measure"              CHAR(3),
    "received_date"                DATE,
    "expiry_date"                  DATE,
    "supplier_number"              VARCHAR(10),
    "lot_status"                   CHAR(1),
    "producing_work_order_number"  VARCHAR(12),
    "load_dts"                     TIMESTAMP NOT NULL
);

CREATE TABLE "fact_operation_run" (
    "operation_run_key"           INTEGER PRIMARY KEY,
    "work_order_key"              INTEGER NOT NULL,
    "machine_key"                 INTEGER,
    "date_key"                    INTEGER NOT NULL,
    "shift_key"                   INTEGER,
    "operation_seq"               INTEGER NOT NULL,
    "operation_description"       VARCHAR(60),
    "operator_badge"              VARCHAR(10),
    "run_start_ts"                TIMESTAMP,
    "run_end_ts"                  TIMESTAMP,
    "good_qty"                    DECIMAL(12,3),
    "scrap_qty"                   DECIMAL(12,3),
    "rework_qty"                  DECIMAL(12,3),
    "total_qty"                   DECIMAL(12,3),
    "setup_minutes"               DECIMAL(8,2),
    "run_minutes"                 DECIMAL(10,2),
    "std_setup_minutes"           DECIMAL(8,2),
    "std_run_min_per_unit"        DECIMAL(8,4),
    "planned_production_minutes"  DECIMAL(10,2),
    "availability_pct"            DECIMAL(5,2),
    "performance_pct"             DECIMAL(5,2),
    "quality_pct"                 DECIMAL(5,2),
    "oee_pct"                     DECIMAL(5,2),
    "load_dts"                    TIMESTAMP NOT NULL,
    FOREIGN KEY ("work_order_key") REFERENCES "dim_work_order" ("work_order_key"),
    FOREIGN KEY ("machine_key") REFERENCES "dim_machine" ("machine_key")
);

CREATE TABLE "fact_machine_downtime" (
    "downtime_key"         INTEGER PRIMARY KEY,
    "machine_key"          INTEGER NOT NULL,
    "downtime_reason_key"  INTEGER,
    "work_order_key"       INTEGER,
    "date_key"             INTEGER NOT NULL,
    "event_number"         INTEGER NOT NULL,
    "event_type"           VARCHAR(6),
    "downtime_start_ts"    TIMESTAMP,
    "downtime_end_ts"      TIMESTAMP,
    "downtime_minutes"     DECIMAL(10,2),
    "operation_seq"        INTEGER,
    "remarks"              VARCHAR(255),
    "load_dts"             TIMESTAMP NOT NULL,
    FOREIGN KEY ("machine_key") REFERENCES "dim_machine" ("machine_key"),
    FOREIGN KEY ("downtime_reason_key") REFERENCES "dim_downtime_reason" ("downtime_reason_key"),
    FOREIGN KEY ("work_order_key") REFERENCES "dim_work_order" ("work_order_key")
);

CREATE TABLE "fact_quality_inspection" (
    "inspection_key"     INTEGER PRIMARY KEY,
    "work_order_key"     INTEGER,
    "machine_key"        INTEGER,
    "lot_key"            INTEGER,
    "date_key"           INTEGER NOT NULL,
    "inspection_number"  INTEGER NOT NULL,
    "operation_seq"      INTEGER,
    "inspection_ts"      TIMESTAMP,
    "inspection_type"    VARCHAR(8),
    "sample_size"        INTEGER,
    "pass_qty"           INTEGER,
    "fail_qty"           INTEGER,
    "defect_rate"        DECIMAL(7,4),
    "defect_code"        VARCHAR(8),
    "disposition_code"   VARCHAR(4),
    "inspector_code"     VARCHAR(10),
    "result_code"        CHAR(1),
    "load_dts"           TIMESTAMP NOT NULL,
    FOREIGN KEY ("work_order_key") REFERENCES "dim_work_order" ("work_order_key"),
    FOREIGN KEY ("machine_key") REFERENCES "dim_machine" ("machine_key"),
    FOREIGN KEY ("lot_key") REFERENCES "dim_material_lot" ("lot_key")
);

CREATE TABLE "fact_material_consumption" (
    "consumption_key"  INTEGER PRIMARY KEY,
    "work_order_key"   INTEGER NOT NULL,
    "lot_key"          INTEGER NOT NULL,
    "date_key"         INTEGER NOT NULL,
    "operation_seq"    INTEGER,
    "issued_qty"       DECIMAL(12,3),
    "issue_ts"         TIMESTAMP,
    "issued_by"        VARCHAR(10),
    "load_dts"         TIMESTAMP NOT NULL,
    FOREIGN KEY ("work_order_key") REFERENCES "dim_work_order" ("work_order_key"),
    FOREIGN KEY ("lot_key") REFERENCES "dim_material_lot" ("lot_key")
);
