CREATE TABLE "dim_user" (
  "user_sk" INTEGER PRIMARY KEY,
  "user_id" INTEGER NOT NULL,
  "user_login" TEXT,
  "full_name" TEXT,
  "email" TEXT,
  "company_name" TEXT,
  "location_text" TEXT,
  "is_admin" INTEGER,
  "account_created_at" TIMESTAMP,
  "dw_loaded_at" TIMESTAMP
);
CREATE TABLE "dim_repo" (
  "repo_sk" INTEGER PRIMARY KEY,
  "repo_id" INTEGER NOT NULL,
  "repo_name" TEXT,
  "repo_full_name" TEXT,
  "owner_login" TEXT,
  "repo_description" TEXT,
  "is_private" INTEGER,
  "language" TEXT,
  "stars" INTEGER,
  "forks" INTEGER,
  "repo_created_at" TIMESTAMP,
  "last_push_at" TIMESTAMP,
  "dw_loaded_at" TIMESTAMP
);
CREATE TABLE "fact_issue" (
  "issue_sk" INTEGER PRIMARY KEY,
  "issue_id" INTEGER NOT NULL,
  "repo_id" INTEGER,
  "issue_number" INTEGER,
  "issue_title" TEXT,
  "issue_state" TEXT,
  "opened_by_user_id" INTEGER,
  "assigned_to_user_id" INTEGER,
  "is_pull_request" INTEGER,
  "opened_at" TIMESTAMP,
  "closed_at" TIMESTAMP,
  "comment_count" INTEGER,
  "hours_to_close" REAL
);
CREATE TABLE "bridge_issue_label" (
  "issue_id" INTEGER NOT NULL,
  "label_name" TEXT NOT NULL,
  "label_color" TEXT,
  PRIMARY KEY ("issue_id", "label_name")
);
CREATE TABLE "fact_comment" (
  "comment_sk" INTEGER PRIMARY KEY,
  "comment_id" INTEGER NOT NULL,
  "issue_id" INTEGER,
  "commenter_user_id" INTEGER,
  "comment_text" TEXT,
  "reactions" INTEGER,
  "commented_at" TIMESTAMP
);
