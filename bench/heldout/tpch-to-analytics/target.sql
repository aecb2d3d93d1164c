CREATE TABLE "regions" ("region_id" INTEGER PRIMARY KEY, "region_name" TEXT, "notes" TEXT);
CREATE TABLE "nations" ("nation_id" INTEGER PRIMARY KEY, "nation_name" TEXT, "region_id" INTEGER);
CREATE TABLE "suppliers" ("supplier_id" INTEGER PRIMARY KEY, "supplier_name" TEXT, "street_address" TEXT, "nation_id" INTEGER, "telephone" TEXT, "account_balance" REAL);
CREATE TABLE "customers" ("customer_id" INTEGER PRIMARY KEY, "customer_name" TEXT, "street_address" TEXT, "nation_id" INTEGER, "telephone" TEXT, "account_balance" REAL, "market_segment" TEXT, "loaded_at" TIMESTAMP);
CREATE TABLE "parts" ("part_id" INTEGER PRIMARY KEY, "part_name" TEXT, "manufacturer" TEXT, "brand" TEXT, "part_type" TEXT, "size" INTEGER, "container" TEXT, "retail_price" REAL);
CREATE TABLE "orders" ("order_id" INTEGER PRIMARY KEY, "customer_id" INTEGER, "status" TEXT, "total_price" REAL, "order_date" DATE, "priority" TEXT, "clerk" TEXT, "ship_priority" INTEGER);
CREATE TABLE "order_items" ("order_id" INTEGER, "line_number" INTEGER, "part_id" INTEGER, "supplier_id" INTEGER, "quantity" REAL, "extended_price" REAL, "discount" REAL, "tax" REAL, "return_flag" TEXT, "line_status" TEXT, "ship_date" DATE, "commit_date" DATE, "receipt_date" DATE, "ship_mode" TEXT, PRIMARY KEY ("order_id", "line_number"));
