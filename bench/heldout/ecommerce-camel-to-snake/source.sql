CREATE TABLE "User" ("id" TEXT PRIMARY KEY, "email" TEXT, "passwordHash" TEXT, "firstName" TEXT, "lastName" TEXT, "phone" TEXT, "dateOfBirth" DATE, "createdAt" DATETIME, "updatedAt" DATETIME, "isVerified" BOOLEAN);
CREATE TABLE "Address" ("id" TEXT PRIMARY KEY, "userId" TEXT, "label" TEXT, "line1" TEXT, "line2" TEXT, "city" TEXT, "state" TEXT, "zip" TEXT, "countryCode" TEXT, "isDefault" BOOLEAN);
CREATE TABLE "Product" ("id" TEXT PRIMARY KEY, "sku" TEXT, "title" TEXT, "description" TEXT, "priceCents" INTEGER, "currency" TEXT, "stockQty" INTEGER, "categoryName" TEXT, "isActive" BOOLEAN, "createdAt" DATETIME);
CREATE TABLE "Order" ("id" TEXT PRIMARY KEY, "userId" TEXT, "shippingAddressId" TEXT, "status" TEXT, "subtotalCents" INTEGER, "taxCents" INTEGER, "shippingCents" INTEGER, "totalCents" INTEGER, "currency" TEXT, "placedAt" DATETIME, "couponCode" TEXT);
CREATE TABLE "OrderItem" ("id" TEXT PRIMARY KEY, "orderId" TEXT, "productId" TEXT, "quantity" INTEGER, "unitPriceCents" INTEGER, "discountCents" INTEGER);
CREATE TABLE "Review" ("id" TEXT PRIMARY KEY, "productId" TEXT, "userId" TEXT, "rating" INTEGER, "title" TEXT, "body" TEXT, "createdAt" DATETIME, "helpfulCount" INTEGER);
