CREATE TABLE "customer" (
  "customer_id" BIGINT PRIMARY KEY,
  "legacy_customer_number" VARCHAR(10) NOT NULL,
  "customer_segment" VARCHAR(20) NOT NULL,
  "family_name" VARCHAR(60),
  "given_name" VARCHAR(60),
  "organization_name" VARCHAR(120),
  "birth_date" DATE,
  "credit_class" VARCHAR(4),
  "customer_since" DATE,
  "status" VARCHAR(20) NOT NULL,
  "last_modified_on" DATE,
  "created_at" TIMESTAMP NOT NULL,
  "updated_at" TIMESTAMP NOT NULL
);

CREATE TABLE "billing_account" (
  "billing_account_id" BIGINT PRIMARY KEY,
  "customer_id" BIGINT NOT NULL REFERENCES "customer"("customer_id"),
  "account_number" VARCHAR(12) NOT NULL,
  "bill_cycle_code" VARCHAR(2),
  "payment_method" VARCHAR(20),
  "autopay_enabled" BOOLEAN NOT NULL,
  "receives_paper_bill" BOOLEAN NOT NULL,
  "tax_exempt" BOOLEAN NOT NULL,
  "collection_status" VARCHAR(20),
  "opened_on" DATE NOT NULL,
  "closed_on" DATE,
  "account_age_months" INTEGER
);

CREATE TABLE "address" (
  "address_id" BIGINT PRIMARY KEY,
  "customer_id" BIGINT NOT NULL REFERENCES "customer"("customer_id"),
  "billing_account_id" BIGINT REFERENCES "billing_account"("billing_account_id"),
  "address_purpose" VARCHAR(10) NOT NULL,
  "addressee" VARCHAR(120),
  "street_line_1" VARCHAR(100) NOT NULL,
  "street_line_2" VARCHAR(100),
  "city" VARCHAR(60) NOT NULL,
  "state_code" CHAR(2),
  "postal_code" VARCHAR(10),
  "postal_code_ext" VARCHAR(4),
  "country_code" CHAR(2) NOT NULL,
  "is_validated" BOOLEAN
);

CREATE TABLE "plan" (
  "plan_id" INTEGER PRIMARY KEY,
  "plan_code" VARCHAR(6) NOT NULL,
  "plan_name" VARCHAR(80) NOT NULL,
  "payment_type" VARCHAR(10) NOT NULL,
  "monthly_fee" NUMERIC(8,2),
  "included_minutes" INTEGER,
  "included_sms" INTEGER,
  "included_data_mb" INTEGER,
  "overage_rate_per_minute" NUMERIC(8,4),
  "overage_rate_per_mb" NUMERIC(8,4),
  "is_unlimited" BOOLEAN
);

CREATE TABLE "subscription" (
  "subscription_id" BIGINT PRIMARY KEY,
  "billing_account_id" BIGINT NOT NULL REFERENCES "billing_account"("billing_account_id"),
  "plan_id" INTEGER NOT NULL REFERENCES "plan"("plan_id"),
  "legacy_subscriber_id" BIGINT NOT NULL,
  "phone_number" VARCHAR(15) NOT NULL,
  "imsi" VARCHAR(15),
  "sim_iccid" VARCHAR(20),
  "device_imei" VARCHAR(15),
  "activated_on" DATE NOT NULL,
  "deactivated_on" DATE,
  "churn_reason_code" VARCHAR(3),
  "line_status" VARCHAR(20) NOT NULL,
  "ported_in" BOOLEAN,
  "contract_end_date" DATE,
  "tenure_days" INTEGER
);

CREATE TABLE "usage_event" (
  "usage_event_id" BIGINT PRIMARY KEY,
  "subscription_id" BIGINT REFERENCES "subscription"("subscription_id"),
  "source_record_id" BIGINT NOT NULL,
  "event_date" DATE NOT NULL,
  "event_time" TIME NOT NULL,
  "duration_seconds" INTEGER,
  "service_type" VARCHAR(10) NOT NULL,
  "direction" VARCHAR(10),
  "a_party_number" VARCHAR(20),
  "b_party_number" VARCHAR(20),
  "served_imsi" VARCHAR(15),
  "cell_id" VARCHAR(8),
  "is_roaming" BOOLEAN,
  "visited_network" VARCHAR(6),
  "uplink_kb" BIGINT,
  "downlink_kb" BIGINT,
  "total_kb" BIGINT,
  "rated_amount" NUMERIC(12,4),
  "tax_amount" NUMERIC(12,4),
  "is_billable" BOOLEAN
);

CREATE TABLE "invoice" (
  "invoice_id" BIGINT PRIMARY KEY,
  "billing_account_id" BIGINT NOT NULL REFERENCES "billing_account"("billing_account_id"),
  "invoice_number" VARCHAR(14) NOT NULL,
  "invoice_date" DATE NOT NULL,
  "period_start" DATE,
  "period_end" DATE,
  "due_date" DATE,
  "current_charges" NUMERIC(12,2),
  "tax_amount" NUMERIC(12,2),
  "amount_due" NUMERIC(12,2),
  "is_overdue" BOOLEAN
);

CREATE TABLE "usage_daily_summary" (
  "subscription_id" BIGINT NOT NULL REFERENCES "subscription"("subscription_id"),
  "usage_date" DATE NOT NULL,
  "voice_minutes" NUMERIC(10,2),
  "sms_count" INTEGER,
  "data_mb" NUMERIC(12,2),
  "rated_amount" NUMERIC(12,4),
  PRIMARY KEY ("subscription_id", "usage_date")
);
