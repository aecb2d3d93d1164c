CREATE TABLE "User" (
  "id" INTEGER PRIMARY KEY,
  "login" TEXT NOT NULL UNIQUE,
  "displayName" TEXT,
  "email" TEXT,
  "avatarUrl" TEXT,
  "company" TEXT,
  "location" TEXT,
  "isSiteAdmin" INTEGER NOT NULL DEFAULT 0,
  "createdAt" DATETIME NOT NULL
);
CREATE TABLE "Repository" (
  "id" INTEGER PRIMARY KEY,
  "ownerId" INTEGER NOT NULL REFERENCES "User"("id"),
  "name" TEXT NOT NULL,
  "fullName" TEXT NOT NULL,
  "description" TEXT,
  "isPrivate" INTEGER NOT NULL DEFAULT 0,
  "primaryLanguage" TEXT,
  "defaultBranch" TEXT,
  "stargazerCount" INTEGER,
  "forkCount" INTEGER,
  "createdAt" DATETIME NOT NULL,
  "pushedAt" DATETIME
);
CREATE TABLE "Issue" (
  "id" INTEGER PRIMARY KEY,
  "repositoryId" INTEGER NOT NULL REFERENCES "Repository"("id"),
  "number" INTEGER NOT NULL,
  "title" TEXT NOT NULL,
  "body" TEXT,
  "state" TEXT NOT NULL,
  "authorId" INTEGER REFERENCES "User"("id"),
  "assigneeId" INTEGER REFERENCES "User"("id"),
  "isPullRequest" INTEGER NOT NULL DEFAULT 0,
  "createdAt" DATETIME NOT NULL,
  "updatedAt" DATETIME,
  "closedAt" DATETIME
);
CREATE TABLE "Label" (
  "id" INTEGER PRIMARY KEY,
  "repositoryId" INTEGER NOT NULL REFERENCES "Repository"("id"),
  "name" TEXT NOT NULL,
  "color" TEXT,
  "description" TEXT
);
CREATE TABLE "IssueLabel" (
  "issueId" INTEGER NOT NULL REFERENCES "Issue"("id"),
  "labelId" INTEGER NOT NULL REFERENCES "Label"("id"),
  "createdAt" DATETIME,
  PRIMARY KEY ("issueId", "labelId")
);
CREATE TABLE "IssueComment" (
  "id" INTEGER PRIMARY KEY,
  "issueId" INTEGER NOT NULL REFERENCES "Issue"("id"),
  "authorId" INTEGER REFERENCES "User"("id"),
  "body" TEXT NOT NULL,
  "reactionCount" INTEGER DEFAULT 0,
  "createdAt" DATETIME NOT NULL,
  "updatedAt" DATETIME
);
