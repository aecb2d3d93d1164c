-- Sales data warehouse (snake_case)
CREATE TABLE "dim_sales_rep" (
  "sales_rep_key" INTEGER PRIMARY KEY,
  "sf_user_id" VARCHAR(18) NOT NULL,
  "rep_first_name" VARCHAR(40),
  "rep_last_name" VARCHAR(80),
  "email_address" VARCHAR(128),
  "job_title" VARCHAR(80),
  "sales_region" VARCHAR(40),
  "employee_number" VARCHAR(20),
  "manager_rep_key" INTEGER REFERENCES "dim_sales_rep"("sales_rep_key"),
  "dw_inserted_at" TIMESTAMP
);

CREATE TABLE "dim_account" (
  "account_key" INTEGER PRIMARY KEY,
  "sf_account_id" VARCHAR(18) NOT NULL,
  "account_name" VARCHAR(255),
  "account_number" VARCHAR(40),
  "account_type" VARCHAR(40),
  "industry" VARCHAR(40),
  "annual_revenue" DECIMAL(18,2),
  "employee_count" INTEGER,
  "billing_city" VARCHAR(40),
  "billing_country" VARCHAR(80),
  "website_url" VARCHAR(255),
  "customer_tier" VARCHAR(20),
  "duns_number" VARCHAR(9),
  "is_strategic_account" BOOLEAN,
  "parent_account_key" INTEGER REFERENCES "dim_account"("account_key"),
  "owner_rep_key" INTEGER REFERENCES "dim_sales_rep"("sales_rep_key"),
  "account_created_date" DATE,
  "valid_from" TIMESTAMP,
  "valid_to" TIMESTAMP,
  "is_current" BOOLEAN
);

CREATE TABLE "dim_person" (
  "person_key" INTEGER PRIMARY KEY,
  "source_record_id" VARCHAR(18) NOT NULL,
  "person_type" VARCHAR(10) NOT NULL,
  "account_key" INTEGER REFERENCES "dim_account"("account_key"),
  "first_name" VARCHAR(40),
  "last_name" VARCHAR(80),
  "email_address" VARCHAR(128),
  "phone_number" VARCHAR(40),
  "job_title" VARCHAR(128),
  "company_name" VARCHAR(255),
  "country" VARCHAR(80),
  "lead_source" VARCHAR(40),
  "email_opt_out" BOOLEAN,
  "dw_inserted_at" TIMESTAMP
);

CREATE TABLE "dim_product" (
  "product_key" INTEGER PRIMARY KEY,
  "sf_product_id" VARCHAR(18) NOT NULL,
  "product_name" VARCHAR(255),
  "sku" VARCHAR(64),
  "product_family" VARCHAR(40),
  "is_active" BOOLEAN,
  "dw_inserted_at" TIMESTAMP
);

CREATE TABLE "fact_lead" (
  "lead_key" INTEGER PRIMARY KEY,
  "person_key" INTEGER REFERENCES "dim_person"("person_key"),
  "owner_rep_key" INTEGER REFERENCES "dim_sales_rep"("sales_rep_key"),
  "created_date_key" INTEGER,
  "sf_lead_id" VARCHAR(18) NOT NULL,
  "lead_status" VARCHAR(40),
  "lead_rating" VARCHAR(20),
  "lead_score" DECIMAL(5,1),
  "industry" VARCHAR(40),
  "annual_revenue" DECIMAL(18,2),
  "utm_campaign" VARCHAR(120),
  "is_converted" BOOLEAN,
  "converted_date" DATE,
  "lead_created_at" TIMESTAMP,
  "converted_opportunity_key" INTEGER,
  "days_to_convert" INTEGER,
  "dw_batch_id" INTEGER
);

CREATE TABLE "fact_opportunity" (
  "opportunity_key" INTEGER PRIMARY KEY,
  "account_key" INTEGER REFERENCES "dim_account"("account_key"),
  "owner_rep_key" INTEGER REFERENCES "dim_sales_rep"("sales_rep_key"),
  "close_date_key" INTEGER,
  "created_date_key" INTEGER,
  "sf_opportunity_id" VARCHAR(18) NOT NULL,
  "opportunity_name" VARCHAR(120),
  "stage" VARCHAR(40),
  "amount" DECIMAL(18,2),
  "amount_usd" DECIMAL(18,2),
  "win_probability_pct" DECIMAL(5,2),
  "weighted_amount" DECIMAL(18,2),
  "close_date" DATE,
  "opportunity_type" VARCHAR(40),
  "lead_source" VARCHAR(40),
  "is_won" BOOLEAN,
  "loss_reason" VARCHAR(80),
  "contract_term_months" INTEGER,
  "currency_code" CHAR(3),
  "created_at" TIMESTAMP,
  "days_to_close" INTEGER,
  "line_item_count" INTEGER,
  "dw_batch_id" INTEGER
);

CREATE TABLE "fact_opportunity_line" (
  "opportunity_line_key" INTEGER PRIMARY KEY,
  "opportunity_key" INTEGER NOT NULL REFERENCES "fact_opportunity"("opportunity_key"),
  "product_key" INTEGER REFERENCES "dim_product"("product_key"),
  "close_date_key" INTEGER,
  "sf_line_item_id" VARCHAR(18) NOT NULL,
  "quantity" DECIMAL(12,2),
  "unit_price" DECIMAL(18,2),
  "list_price" DECIMAL(18,2),
  "discount_pct" DECIMAL(5,2),
  "discount_amount" DECIMAL(18,2),
  "total_price" DECIMAL(18,2),
  "service_start_date" DATE,
  "billing_frequency" VARCHAR(20),
  "close_date" DATE,
  "dw_batch_id" INTEGER
);
