CREATE TABLE "hs_owners" (
  "id" BIGINT PRIMARY KEY,
  "email" VARCHAR(255),
  "firstName" VARCHAR(100),
  "lastName" VARCHAR(100),
  "userId" BIGINT,
  "archived" BOOLEAN NOT NULL DEFAULT 0,
  "createdAt" DATETIME,
  "updatedAt" DATETIME
);

CREATE TABLE "hs_companies" (
  "hs_object_id" BIGINT PRIMARY KEY,
  "salesforceaccountid" VARCHAR(18),
  "name" VARCHAR(255),
  "domain" VARCHAR(255),
  "website" VARCHAR(255),
  "industry" VARCHAR(100),
  "annualrevenue" DECIMAL(18,2),
  "numberofemployees" INTEGER,
  "address" VARCHAR(255),
  "city" VARCHAR(100),
  "state" VARCHAR(100),
  "zip" VARCHAR(20),
  "country" VARCHAR(100),
  "customer_tier" VARCHAR(50),
  "hs_parent_company_id" BIGINT REFERENCES "hs_companies" ("hs_object_id"),
  "hs_num_child_companies" INTEGER,
  "num_associated_contacts" INTEGER
);

CREATE TABLE "hs_contacts" (
  "hs_object_id" BIGINT PRIMARY KEY,
  "salesforcecontactid" VARCHAR(18),
  "salesforceleadid" VARCHAR(18),
  "firstname" VARCHAR(100),
  "lastname" VARCHAR(100),
  "jobtitle" VARCHAR(255),
  "email" VARCHAR(255),
  "phone" VARCHAR(50),
  "city" VARCHAR(100),
  "country" VARCHAR(100),
  "company" VARCHAR(255),
  "lead_source" VARCHAR(100),
  "hs_lead_status" VARCHAR(50),
  "lifecyclestage" VARCHAR(50),
  "hs_email_optout" BOOLEAN,
  "date_of_birth" DATE,
  "associatedcompanyid" BIGINT REFERENCES "hs_companies" ("hs_object_id")
);

CREATE TABLE "hs_deals" (
  "hs_object_id" BIGINT PRIMARY KEY,
  "salesforceopportunityid" VARCHAR(18),
  "dealname" VARCHAR(255),
  "description" TEXT,
  "dealstage" VARCHAR(100),
  "pipeline" VARCHAR(100),
  "amount" DECIMAL(18,2),
  "hs_deal_stage_probability" DECIMAL(5,4),
  "hs_projected_amount" DECIMAL(18,2),
  "closedate" DATETIME,
  "dealtype" VARCHAR(50),
  "hs_manual_forecast_category" VARCHAR(50),
  "days_to_close" INTEGER
);

CREATE TABLE "hs_line_items" (
  "hs_object_id" BIGINT PRIMARY KEY,
  "hs_product_id" BIGINT,
  "name" VARCHAR(255),
  "hs_sku" VARCHAR(100),
  "quantity" DECIMAL(12,2),
  "price" DECIMAL(18,2),
  "amount" DECIMAL(18,2),
  "hs_line_item_currency_code" CHAR(3)
);

CREATE TABLE "hs_tasks" (
  "hs_object_id" BIGINT PRIMARY KEY,
  "hs_task_subject" VARCHAR(255),
  "hs_task_body" TEXT,
  "hs_task_status" VARCHAR(50),
  "hs_task_priority" VARCHAR(20),
  "hs_timestamp" DATETIME,
  "hs_task_is_overdue" BOOLEAN
);

CREATE TABLE "hs_calls" (
  "hs_object_id" BIGINT PRIMARY KEY,
  "hs_call_title" VARCHAR(255),
  "hs_call_body" TEXT,
  "hs_call_duration" BIGINT,
  "hs_call_disposition" VARCHAR(100),
  "hs_call_recording_url" VARCHAR(500),
  "hs_timestamp" DATETIME
);
