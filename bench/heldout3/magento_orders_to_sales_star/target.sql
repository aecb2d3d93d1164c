CREATE TABLE "DimCustomer" (
  "CustomerKey" INTEGER PRIMARY KEY,
  "CustomerId" INTEGER NOT NULL,
  "Email" VARCHAR(255),
  "FirstName" VARCHAR(100),
  "LastName" VARCHAR(100),
  "DateOfBirth" DATE,
  "Gender" VARCHAR(10),
  "VatNumber" VARCHAR(50),
  "CustomerGroupName" VARCHAR(50),
  "RegisteredAt" DATETIME,
  "RowEffectiveFrom" DATETIME NOT NULL,
  "RowEffectiveTo" DATETIME,
  "IsCurrentRow" BOOLEAN NOT NULL DEFAULT 1
);

CREATE TABLE "DimProduct" (
  "ProductKey" INTEGER PRIMARY KEY,
  "ProductId" INTEGER NOT NULL,
  "Sku" VARCHAR(64) NOT NULL,
  "ProductType" VARCHAR(32),
  "ProductName" VARCHAR(255),
  "Brand" VARCHAR(255),
  "ListPrice" DECIMAL(18,4),
  "StandardCost" DECIMAL(18,4),
  "ShippingWeight" DECIMAL(12,4),
  "FirstListedAt" DATETIME,
  "PriceBand" VARCHAR(20)
);

CREATE TABLE "DimStore" (
  "StoreKey" INTEGER PRIMARY KEY,
  "StoreId" INTEGER NOT NULL,
  "StoreCode" VARCHAR(32),
  "StoreName" VARCHAR(255),
  "IsActive" BOOLEAN
);

CREATE TABLE "DimOrderInfo" (
  "OrderInfoKey" INTEGER PRIMARY KEY,
  "OrderState" VARCHAR(32),
  "OrderStatus" VARCHAR(32),
  "CouponCode" VARCHAR(255),
  "CurrencyCode" CHAR(3),
  "ShippingMethodCode" VARCHAR(120),
  "PaymentMethodCode" VARCHAR(128),
  "CardBrand" VARCHAR(32),
  "IsGuestCheckout" BOOLEAN
);

CREATE TABLE "FactSalesOrder" (
  "SalesOrderKey" INTEGER PRIMARY KEY,
  "OrderNumber" VARCHAR(32) NOT NULL,
  "SourceOrderId" INTEGER NOT NULL,
  "CustomerKey" INTEGER REFERENCES "DimCustomer" ("CustomerKey"),
  "StoreKey" INTEGER REFERENCES "DimStore" ("StoreKey"),
  "OrderInfoKey" INTEGER REFERENCES "DimOrderInfo" ("OrderInfoKey"),
  "OrderedAt" DATETIME NOT NULL,
  "CustomerEmail" VARCHAR(255),
  "BillToCity" VARCHAR(100),
  "BillToRegion" VARCHAR(100),
  "BillToPostcode" VARCHAR(20),
  "BillToCountryCode" CHAR(2),
  "ShipToCity" VARCHAR(100),
  "ShipToRegion" VARCHAR(100),
  "ShipToPostcode" VARCHAR(20),
  "ShipToCountryCode" CHAR(2),
  "UnitsOrdered" DECIMAL(12,4),
  "Subtotal" DECIMAL(18,4),
  "DiscountTotal" DECIMAL(18,4),
  "ShippingTotal" DECIMAL(18,4),
  "TaxTotal" DECIMAL(18,4),
  "GrandTotal" DECIMAL(18,4),
  "RefundedTotal" DECIMAL(18,4),
  "NetRevenue" DECIMAL(18,4),
  "EtlBatchId" INTEGER
);

CREATE TABLE "FactSalesOrderLine" (
  "SalesOrderLineKey" INTEGER PRIMARY KEY,
  "SalesOrderKey" INTEGER NOT NULL REFERENCES "FactSalesOrder" ("SalesOrderKey"),
  "ProductKey" INTEGER REFERENCES "DimProduct" ("ProductKey"),
  "OrderItemId" INTEGER NOT NULL,
  "Sku" VARCHAR(64),
  "ProductNameAtOrder" VARCHAR(255),
  "QtyOrdered" DECIMAL(12,4),
  "QtyRefunded" DECIMAL(12,4),
  "UnitPrice" DECIMAL(18,4),
  "OriginalUnitPrice" DECIMAL(18,4),
  "LineDiscount" DECIMAL(18,4),
  "LineTax" DECIMAL(18,4),
  "LineSubtotal" DECIMAL(18,4),
  "LineNetAmount" DECIMAL(18,4),
  "GrossMarginAmount" DECIMAL(18,4)
);
