CREATE TABLE "academicSessions" (
  "sourcedId" TEXT PRIMARY KEY,
  "status" TEXT,
  "dateLastModified" DATETIME,
  "title" TEXT NOT NULL,
  "type" TEXT NOT NULL,
  "startDate" DATE,
  "endDate" DATE,
  "parentSourcedId" TEXT,
  "schoolYear" INTEGER
);
CREATE TABLE "users" (
  "sourcedId" TEXT PRIMARY KEY,
  "status" TEXT,
  "dateLastModified" DATETIME,
  "enabledUser" INTEGER,
  "role" TEXT NOT NULL,
  "username" TEXT,
  "identifier" TEXT,
  "givenName" TEXT,
  "familyName" TEXT,
  "middleName" TEXT,
  "email" TEXT,
  "sms" TEXT,
  "phone" TEXT,
  "grades" TEXT,
  "agentSourcedIds" TEXT
);
CREATE TABLE "demographics" (
  "sourcedId" TEXT PRIMARY KEY REFERENCES "users"("sourcedId"),
  "status" TEXT,
  "dateLastModified" DATETIME,
  "birthDate" DATE,
  "sex" TEXT,
  "hispanicOrLatinoEthnicity" INTEGER,
  "cityOfBirth" TEXT
);
CREATE TABLE "courses" (
  "sourcedId" TEXT PRIMARY KEY,
  "status" TEXT,
  "dateLastModified" DATETIME,
  "title" TEXT NOT NULL,
  "courseCode" TEXT,
  "subjects" TEXT,
  "schoolYearSourcedId" TEXT,
  "orgSourcedId" TEXT
);
CREATE TABLE "classes" (
  "sourcedId" TEXT PRIMARY KEY,
  "status" TEXT,
  "dateLastModified" DATETIME,
  "title" TEXT NOT NULL,
  "classCode" TEXT,
  "classType" TEXT,
  "location" TEXT,
  "courseSourcedId" TEXT REFERENCES "courses"("sourcedId"),
  "termSourcedIds" TEXT,
  "periods" TEXT
);
CREATE TABLE "enrollments" (
  "sourcedId" TEXT PRIMARY KEY,
  "status" TEXT,
  "dateLastModified" DATETIME,
  "classSourcedId" TEXT NOT NULL REFERENCES "classes"("sourcedId"),
  "userSourcedId" TEXT NOT NULL REFERENCES "users"("sourcedId"),
  "role" TEXT NOT NULL,
  "primary" INTEGER,
  "beginDate" DATE,
  "endDate" DATE
);
