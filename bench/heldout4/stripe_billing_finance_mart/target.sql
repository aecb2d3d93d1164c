CREATE TABLE "DimDate" (
  "DateKey" INTEGER PRIMARY KEY,
  "FullDate" DATE NOT NULL,
  "CalendarYear" SMALLINT NOT NULL,
  "CalendarQuarter" TINYINT NOT NULL,
  "MonthName" NVARCHAR(10),
  "FiscalPeriod" NVARCHAR(7)
);

CREATE TABLE "DimCustomer" (
  "CustomerKey" INTEGER PRIMARY KEY,
  "StripeCustomerId" NVARCHAR(32) NOT NULL,
  "CustomerName" NVARCHAR(200),
  "EmailAddress" NVARCHAR(256),
  "BillingCountry" NCHAR(2),
  "BillingRegion" NVARCHAR(100),
  "BillingCity" NVARCHAR(100),
  "BillingPostcode" NVARCHAR(20),
  "DefaultCurrency" NCHAR(3),
  "TaxExemptStatus" NVARCHAR(10),
  "IsDelinquent" BIT,
  "CustomerCreatedAt" DATETIME2,
  "RowEffectiveDate" DATETIME2 NOT NULL,
  "RowExpiryDate" DATETIME2,
  "IsCurrentRow" BIT NOT NULL
);

CREATE TABLE "DimProductPrice" (
  "ProductPriceKey" INTEGER PRIMARY KEY,
  "PriceId" NVARCHAR(32) NOT NULL,
  "ProductName" NVARCHAR(250),
  "ProductDescription" NVARCHAR(1000),
  "ProductTaxCode" NVARCHAR(20),
  "PriceNickname" NVARCHAR(100),
  "PricingModel" NVARCHAR(20),
  "ListPrice" DECIMAL(18,2),
  "PriceCurrency" NCHAR(3),
  "BillingInterval" NVARCHAR(10),
  "BillingIntervalCount" SMALLINT,
  "PriceType" NVARCHAR(20),
  "IsPriceActive" BIT,
  "IsRecurring" BIT
);

CREATE TABLE "DimSubscription" (
  "SubscriptionKey" INTEGER PRIMARY KEY,
  "SubscriptionId" NVARCHAR(32) NOT NULL,
  "CustomerKey" INTEGER NOT NULL REFERENCES "DimCustomer"("CustomerKey"),
  "SubscriptionStatus" NVARCHAR(20),
  "StartDate" DATETIME2,
  "TrialEndDate" DATETIME2,
  "CancelAtPeriodEnd" BIT,
  "CanceledAt" DATETIME2,
  "EndedAt" DATETIME2,
  "CancellationReason" NVARCHAR(50),
  "CollectionMethod" NVARCHAR(30),
  "PaymentTermsDays" SMALLINT,
  "SubscriptionAgeDays" INTEGER
);

CREATE TABLE "FactInvoice" (
  "InvoiceKey" INTEGER PRIMARY KEY,
  "StripeInvoiceId" NVARCHAR(32) NOT NULL,
  "InvoiceNumber" NVARCHAR(40),
  "CustomerKey" INTEGER NOT NULL REFERENCES "DimCustomer"("CustomerKey"),
  "SubscriptionKey" INTEGER REFERENCES "DimSubscription"("SubscriptionKey"),
  "InvoiceDateKey" INTEGER REFERENCES "DimDate"("DateKey"),
  "InvoiceIssuedAt" DATETIME2,
  "DueDate" DATETIME2,
  "InvoiceStatus" NVARCHAR(20),
  "BillingReason" NVARCHAR(40),
  "CurrencyCode" NCHAR(3),
  "SubtotalAmount" DECIMAL(18,2),
  "TaxAmount" DECIMAL(18,2),
  "TotalAmount" DECIMAL(18,2),
  "AmountDue" DECIMAL(18,2),
  "AmountPaid" DECIMAL(18,2),
  "AmountOutstanding" DECIMAL(18,2),
  "ServicePeriodStart" DATETIME2,
  "ServicePeriodEnd" DATETIME2,
  "PaidAt" DATETIME2,
  "BillToEmail" NVARCHAR(256),
  "DaysToPay" INTEGER
);

CREATE TABLE "FactInvoiceLine" (
  "InvoiceLineKey" INTEGER PRIMARY KEY,
  "StripeLineItemId" NVARCHAR(40) NOT NULL,
  "InvoiceKey" INTEGER NOT NULL REFERENCES "FactInvoice"("InvoiceKey"),
  "ProductPriceKey" INTEGER REFERENCES "DimProductPrice"("ProductPriceKey"),
  "SubscriptionKey" INTEGER REFERENCES "DimSubscription"("SubscriptionKey"),
  "LineDescription" NVARCHAR(500),
  "Quantity" INTEGER,
  "LineAmount" DECIMAL(18,2),
  "CurrencyCode" NCHAR(3),
  "ServicePeriodStart" DATETIME2,
  "ServicePeriodEnd" DATETIME2,
  "IsProration" BIT,
  "LineAmountUSD" DECIMAL(18,2)
);

CREATE TABLE "FactPayment" (
  "PaymentKey" INTEGER PRIMARY KEY,
  "ChargeId" NVARCHAR(32) NOT NULL,
  "CustomerKey" INTEGER REFERENCES "DimCustomer"("CustomerKey"),
  "InvoiceKey" INTEGER REFERENCES "FactInvoice"("InvoiceKey"),
  "PaymentDateKey" INTEGER REFERENCES "DimDate"("DateKey"),
  "PaymentCreatedAt" DATETIME2,
  "GrossAmount" DECIMAL(18,2),
  "RefundedAmount" DECIMAL(18,2),
  "CurrencyCode" NCHAR(3),
  "PaymentStatus" NVARCHAR(20),
  "FailureCode" NVARCHAR(50),
  "FailureReason" NVARCHAR(500),
  "PaymentMethodType" NVARCHAR(30),
  "CardBrand" NVARCHAR(20),
  "CardLast4" NCHAR(4),
  "ProcessingFee" DECIMAL(18,2),
  "NetSettledAmount" DECIMAL(18,2),
  "SettlementCurrency" NCHAR(3),
  "SettlementDate" DATE
);

CREATE TABLE "FactRefund" (
  "RefundKey" INTEGER PRIMARY KEY,
  "RefundId" NVARCHAR(32) NOT NULL,
  "PaymentKey" INTEGER NOT NULL REFERENCES "FactPayment"("PaymentKey"),
  "RefundAmount" DECIMAL(18,2),
  "CurrencyCode" NCHAR(3),
  "RefundReason" NVARCHAR(40),
  "RefundedAt" DATETIME2
);

CREATE TABLE "FactMonthlyRecurringRevenue" (
  "SubscriptionKey" INTEGER NOT NULL REFERENCES "DimSubscription"("SubscriptionKey"),
  "MonthKey" INTEGER NOT NULL REFERENCES "DimDate"("DateKey"),
  "ProductPriceKey" INTEGER NOT NULL REFERENCES "DimProductPrice"("ProductPriceKey"),
  "CustomerKey" INTEGER NOT NULL REFERENCES "DimCustomer"("CustomerKey"),
  "MRRAmount" DECIMAL(18,2),
  "NewMRR" DECIMAL(18,2),
  "ExpansionMRR" DECIMAL(18,2),
  "ChurnedMRR" DECIMAL(18,2),
  PRIMARY KEY ("SubscriptionKey", "MonthKey", "ProductPriceKey")
);
