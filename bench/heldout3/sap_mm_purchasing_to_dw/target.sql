CREATE TABLE "dim_date" (
  "date_sk" INTEGER PRIMARY KEY,
  "calendar_date" DATE NOT NULL,
  "calendar_year" SMALLINT,
  "calendar_month" SMALLINT,
  "fiscal_year" SMALLINT,
  "fiscal_period" SMALLINT,
  "weekday_name" VARCHAR(10)
);

CREATE TABLE "dim_supplier" (
  "supplier_sk" INTEGER PRIMARY KEY,
  "supplier_number" VARCHAR(10) NOT NULL,
  "supplier_name" VARCHAR(80),
  "street_address" VARCHAR(80),
  "postal_code" VARCHAR(10),
  "city" VARCHAR(60),
  "region_code" VARCHAR(3),
  "country_code" VARCHAR(3),
  "phone_number" VARCHAR(30),
  "tax_number" VARCHAR(20),
  "vendor_account_group" VARCHAR(4),
  "is_posting_blocked" BOOLEAN,
  "payment_terms_code" VARCHAR(4),
  "reconciliation_gl_account" VARCHAR(10),
  "created_on" DATE,
  "valid_from" DATE,
  "valid_to" DATE
);

CREATE TABLE "dim_material" (
  "material_sk" INTEGER PRIMARY KEY,
  "material_number" VARCHAR(18) NOT NULL,
  "material_description" VARCHAR(40),
  "material_type" VARCHAR(4),
  "material_group_code" VARCHAR(9),
  "material_group_name" VARCHAR(60),
  "base_uom" VARCHAR(3),
  "gross_weight" DECIMAL(13,3),
  "net_weight" DECIMAL(13,3),
  "weight_uom" VARCHAR(3),
  "is_marked_for_deletion" BOOLEAN
);

CREATE TABLE "dim_plant" (
  "plant_sk" INTEGER PRIMARY KEY,
  "plant_code" VARCHAR(4) NOT NULL,
  "plant_name" VARCHAR(60),
  "city" VARCHAR(60),
  "country_code" VARCHAR(3)
);

CREATE TABLE "purchase_order_header" (
  "po_header_sk" INTEGER PRIMARY KEY,
  "po_number" VARCHAR(10) NOT NULL,
  "po_type" VARCHAR(4),
  "company_code" VARCHAR(4),
  "purchasing_org" VARCHAR(4),
  "purchasing_group" VARCHAR(3),
  "supplier_sk" INTEGER REFERENCES "dim_supplier" ("supplier_sk"),
  "po_date" DATE,
  "currency_code" VARCHAR(5),
  "payment_terms_code" VARCHAR(4),
  "created_by_user" VARCHAR(12),
  "line_count" INTEGER,
  "total_net_value" DECIMAL(15,2)
);

CREATE TABLE "fact_purchase_order_line" (
  "po_line_sk" INTEGER PRIMARY KEY,
  "po_header_sk" INTEGER NOT NULL REFERENCES "purchase_order_header" ("po_header_sk"),
  "supplier_sk" INTEGER REFERENCES "dim_supplier" ("supplier_sk"),
  "material_sk" INTEGER REFERENCES "dim_material" ("material_sk"),
  "plant_sk" INTEGER REFERENCES "dim_plant" ("plant_sk"),
  "order_date_sk" INTEGER REFERENCES "dim_date" ("date_sk"),
  "po_number" VARCHAR(10) NOT NULL,
  "po_item" VARCHAR(5) NOT NULL,
  "item_short_text" VARCHAR(40),
  "storage_location" VARCHAR(4),
  "order_date" DATE,
  "scheduled_delivery_date" DATE,
  "order_qty" DECIMAL(13,3),
  "order_uom" VARCHAR(3),
  "goods_received_qty" DECIMAL(13,3),
  "open_qty" DECIMAL(13,3),
  "net_price" DECIMAL(11,2),
  "price_unit" DECIMAL(5,0),
  "effective_unit_price" DECIMAL(15,4),
  "net_value" DECIMAL(15,2),
  "gross_value" DECIMAL(15,2),
  "document_currency" VARCHAR(5),
  "is_delivery_completed" BOOLEAN,
  "is_deleted" BOOLEAN,
  "days_late" INTEGER
);
