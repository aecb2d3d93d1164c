CREATE TABLE "customers" (
  "id" TEXT PRIMARY KEY,
  "email" TEXT,
  "name" TEXT,
  "phone" TEXT,
  "description" TEXT,
  "currency" TEXT,
  "balance" INTEGER NOT NULL DEFAULT 0,
  "delinquent" BOOLEAN NOT NULL DEFAULT 0,
  "invoice_prefix" TEXT,
  "tax_exempt" TEXT NOT NULL DEFAULT 'none',
  "address_line1" TEXT,
  "address_line2" TEXT,
  "address_city" TEXT,
  "address_state" TEXT,
  "address_postal_code" TEXT,
  "address_country" TEXT,
  "preferred_locales" TEXT,
  "created" INTEGER NOT NULL,
  "livemode" BOOLEAN NOT NULL,
  "deleted" BOOLEAN,
  "metadata" TEXT
);

CREATE TABLE "products" (
  "id" TEXT PRIMARY KEY,
  "name" TEXT NOT NULL,
  "description" TEXT,
  "active" BOOLEAN NOT NULL,
  "unit_label" TEXT,
  "tax_code" TEXT,
  "statement_descriptor" TEXT,
  "created" INTEGER NOT NULL,
  "updated" INTEGER
);

CREATE TABLE "prices" (
  "id" TEXT PRIMARY KEY,
  "product" TEXT NOT NULL REFERENCES "products"("id"),
  "active" BOOLEAN NOT NULL,
  "currency" TEXT NOT NULL,
  "unit_amount" INTEGER,
  "unit_amount_decimal" TEXT,
  "billing_scheme" TEXT NOT NULL,
  "type" TEXT NOT NULL,
  "recurring_interval" TEXT,
  "recurring_interval_count" INTEGER,
  "recurring_usage_type" TEXT,
  "nickname" TEXT,
  "lookup_key" TEXT,
  "tax_behavior" TEXT,
  "created" INTEGER NOT NULL
);

CREATE TABLE "subscriptions" (
  "id" TEXT PRIMARY KEY,
  "customer" TEXT NOT NULL REFERENCES "customers"("id"),
  "status" TEXT NOT NULL,
  "start_date" INTEGER NOT NULL,
  "current_period_start" INTEGER,
  "current_period_end" INTEGER,
  "trial_start" INTEGER,
  "trial_end" INTEGER,
  "cancel_at_period_end" BOOLEAN NOT NULL DEFAULT 0,
  "cancel_at" INTEGER,
  "canceled_at" INTEGER,
  "ended_at" INTEGER,
  "cancellation_details_reason" TEXT,
  "cancellation_details_feedback" TEXT,
  "collection_method" TEXT NOT NULL,
  "days_until_due" INTEGER,
  "default_payment_method" TEXT,
  "latest_invoice" TEXT,
  "created" INTEGER NOT NULL
);

CREATE TABLE "subscription_items" (
  "id" TEXT PRIMARY KEY,
  "subscription" TEXT NOT NULL REFERENCES "subscriptions"("id"),
  "price" TEXT NOT NULL REFERENCES "prices"("id"),
  "quantity" INTEGER,
  "created" INTEGER NOT NULL
);

CREATE TABLE "invoices" (
  "id" TEXT PRIMARY KEY,
  "number" TEXT,
  "customer" TEXT NOT NULL REFERENCES "customers"("id"),
  "subscription" TEXT REFERENCES "subscriptions"("id"),
  "status" TEXT,
  "billing_reason" TEXT,
  "collection_method" TEXT,
  "currency" TEXT NOT NULL,
  "subtotal" INTEGER NOT NULL,
  "tax" INTEGER,
  "total" INTEGER NOT NULL,
  "amount_due" INTEGER NOT NULL,
  "amount_paid" INTEGER NOT NULL,
  "amount_remaining" INTEGER NOT NULL,
  "attempt_count" INTEGER,
  "period_start" INTEGER,
  "period_end" INTEGER,
  "due_date" INTEGER,
  "status_transitions_finalized_at" INTEGER,
  "status_transitions_paid_at" INTEGER,
  "customer_email" TEXT,
  "customer_name" TEXT,
  "hosted_invoice_url" TEXT,
  "created" INTEGER NOT NULL
);

CREATE TABLE "invoice_line_items" (
  "id" TEXT PRIMARY KEY,
  "invoice" TEXT NOT NULL REFERENCES "invoices"("id"),
  "subscription_item" TEXT REFERENCES "subscription_items"("id"),
  "price" TEXT REFERENCES "prices"("id"),
  "type" TEXT NOT NULL,
  "description" TEXT,
  "quantity" INTEGER,
  "amount" INTEGER NOT NULL,
  "currency" TEXT NOT NULL,
  "period_start" INTEGER,
  "period_end" INTEGER,
  "proration" BOOLEAN NOT NULL DEFAULT 0,
  "discountable" BOOLEAN
);

CREATE TABLE "balance_transactions" (
  "id" TEXT PRIMARY KEY,
  "type" TEXT NOT NULL,
  "reporting_category" TEXT,
  "amount" INTEGER NOT NULL,
  "fee" INTEGER NOT NULL,
  "net" INTEGER NOT NULL,
  "currency" TEXT NOT NULL,
  "exchange_rate" REAL,
  "available_on" INTEGER,
  "status" TEXT,
  "source" TEXT,
  "created" INTEGER NOT NULL
);

CREATE TABLE "charges" (
  "id" TEXT PRIMARY KEY,
  "customer" TEXT REFERENCES "customers"("id"),
  "invoice" TEXT REFERENCES "invoices"("id"),
  "payment_intent" TEXT,
  "amount" INTEGER NOT NULL,
  "amount_captured" INTEGER,
  "amount_refunded" INTEGER NOT NULL DEFAULT 0,
  "currency" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "paid" BOOLEAN,
  "captured" BOOLEAN,
  "refunded" BOOLEAN,
  "failure_code" TEXT,
  "failure_message" TEXT,
  "payment_method_details_type" TEXT,
  "payment_method_details_card_brand" TEXT,
  "payment_method_details_card_last4" TEXT,
  "payment_method_details_card_country" TEXT,
  "balance_transaction" TEXT REFERENCES "balance_transactions"("id"),
  "statement_descriptor" TEXT,
  "created" INTEGER NOT NULL
);

CREATE TABLE "refunds" (
  "id" TEXT PRIMARY KEY,
  "charge" TEXT NOT NULL REFERENCES "charges"("id"),
  "amount" INTEGER NOT NULL,
  "currency" TEXT NOT NULL,
  "reason" TEXT,
  "status" TEXT,
  "balance_transaction" TEXT REFERENCES "balance_transactions"("id"),
  "created" INTEGER NOT NULL
);
