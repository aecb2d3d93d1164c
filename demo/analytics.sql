-- Demo target: the analytics warehouse (SQLite), with its own naming conventions.
-- Rebuild demo/analytics.db with: python3 demo/build.py
CREATE TABLE dim_customer (
  customer_key   INTEGER PRIMARY KEY,
  given_name     VARCHAR(60) NOT NULL,
  family_name    VARCHAR(60) NOT NULL,
  email_address  VARCHAR(255),
  telephone      VARCHAR(32),
  address_line   VARCHAR(200),
  town           VARCHAR(80),
  postal_code    VARCHAR(10),
  date_of_birth  DATE,
  signup_ts      TIMESTAMP NOT NULL,
  loaded_by      VARCHAR(40) NOT NULL DEFAULT 'mapwright'
);

CREATE TABLE dim_product (
  product_key    INTEGER PRIMARY KEY,
  product_sku    VARCHAR(32) NOT NULL,
  product_name   VARCHAR(100) NOT NULL,
  description    TEXT,
  list_price     NUMERIC(10,2) NOT NULL,
  category_name  VARCHAR(40),
  is_active      BOOLEAN NOT NULL
);

CREATE TABLE fact_order (
  order_key        INTEGER PRIMARY KEY,
  customer_key     INTEGER NOT NULL REFERENCES dim_customer(customer_key),
  order_dt         DATE NOT NULL,
  order_status     VARCHAR(16) NOT NULL,
  order_total_amt  NUMERIC(12,2) NOT NULL
);

CREATE TABLE fact_order_line (
  order_key      INTEGER NOT NULL REFERENCES fact_order(order_key),
  line_number    INTEGER NOT NULL,
  product_key    INTEGER NOT NULL REFERENCES dim_product(product_key),
  quantity       INTEGER NOT NULL,
  unit_price     NUMERIC(10,2) NOT NULL,
  discount_rate  REAL,
  PRIMARY KEY (order_key, line_number)
);
