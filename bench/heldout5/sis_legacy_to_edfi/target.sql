-- Ed-Fi-like education data model (camelCase, surrogate USIs/ids)
CREATE TABLE "student" (
  "studentUSI" INTEGER PRIMARY KEY,
  "studentUniqueId" VARCHAR(32) NOT NULL UNIQUE,
  "firstName" VARCHAR(75) NOT NULL,
  "middleName" VARCHAR(75),
  "lastSurname" VARCHAR(75) NOT NULL,
  "preferredFirstName" VARCHAR(75),
  "birthDate" DATE NOT NULL,
  "birthSexDescriptor" VARCHAR(50),
  "ethnicityDescriptor" VARCHAR(50),
  "citizenshipStatusDescriptor" VARCHAR(50),
  "institutionEmail" VARCHAR(128),
  "highSchoolGraduationYear" INTEGER,
  "createDate" TIMESTAMP,
  "lastModifiedDate" TIMESTAMP
);

CREATE TABLE "staff" (
  "staffUSI" INTEGER PRIMARY KEY,
  "staffUniqueId" VARCHAR(32) NOT NULL UNIQUE,
  "firstName" VARCHAR(75),
  "lastSurname" VARCHAR(75) NOT NULL,
  "electronicMailAddress" VARCHAR(128),
  "hireDate" DATE,
  "employmentStatusDescriptor" VARCHAR(50),
  "positionTitle" VARCHAR(100),
  "lastModifiedDate" TIMESTAMP
);

CREATE TABLE "studentSchoolAssociation" (
  "studentSchoolAssociationId" INTEGER PRIMARY KEY,
  "studentUSI" INTEGER NOT NULL REFERENCES "student"("studentUSI"),
  "entrySessionCode" VARCHAR(20),
  "entryTypeDescriptor" VARCHAR(50),
  "classLevelDescriptor" VARCHAR(50),
  "declaredMajorCode" VARCHAR(10),
  "secondMajorCode" VARCHAR(10),
  "advisorStaffUSI" INTEGER REFERENCES "staff"("staffUSI"),
  "lastModifiedDate" TIMESTAMP
);

CREATE TABLE "session" (
  "sessionId" INTEGER PRIMARY KEY,
  "sessionCode" VARCHAR(20) NOT NULL UNIQUE,
  "sessionName" VARCHAR(60),
  "beginDate" DATE,
  "endDate" DATE,
  "schoolYear" INTEGER,
  "totalInstructionalDays" INTEGER,
  "lastModifiedDate" TIMESTAMP
);

CREATE TABLE "studentAcademicRecord" (
  "studentAcademicRecordId" INTEGER PRIMARY KEY,
  "studentUSI" INTEGER NOT NULL REFERENCES "student"("studentUSI"),
  "sessionId" INTEGER NOT NULL REFERENCES "session"("sessionId"),
  "sessionAttemptedCredits" DECIMAL(9,3),
  "sessionEarnedCredits" DECIMAL(9,3),
  "sessionGradePointAverage" DECIMAL(18,4),
  "cumulativeGradePointAverage" DECIMAL(18,4),
  "cumulativeEarnedCredits" DECIMAL(9,3),
  "academicStandingDescriptor" VARCHAR(50),
  "lastModifiedDate" TIMESTAMP
);

CREATE TABLE "course" (
  "courseId" INTEGER PRIMARY KEY,
  "courseCode" VARCHAR(60) NOT NULL,
  "subjectAreaCode" VARCHAR(10),
  "courseNumber" VARCHAR(10),
  "courseTitle" VARCHAR(100),
  "minimumAvailableCredits" DECIMAL(9,3),
  "maximumAvailableCredits" DECIMAL(9,3),
  "courseLevelCharacteristic" VARCHAR(50),
  "offeringDepartmentCode" VARCHAR(10),
  "lastModifiedDate" TIMESTAMP
);

CREATE TABLE "section" (
  "sectionId" INTEGER PRIMARY KEY,
  "courseId" INTEGER NOT NULL REFERENCES "course"("courseId"),
  "sessionId" INTEGER NOT NULL REFERENCES "session"("sessionId"),
  "primaryInstructorStaffUSI" INTEGER REFERENCES "staff"("staffUSI"),
  "sectionIdentifier" VARCHAR(255) NOT NULL,
  "sectionCode" VARCHAR(10),
  "educationalEnvironmentDescriptor" VARCHAR(50),
  "seatCapacity" INTEGER,
  "availableCredits" DECIMAL(9,3),
  "campusCode" VARCHAR(10),
  "lastModifiedDate" TIMESTAMP
);

CREATE TABLE "sectionMeeting" (
  "sectionMeetingId" INTEGER PRIMARY KEY,
  "sectionId" INTEGER NOT NULL REFERENCES "section"("sectionId"),
  "meetingDays" VARCHAR(7),
  "startTime" TIME,
  "endTime" TIME,
  "buildingCode" VARCHAR(10),
  "roomNumber" VARCHAR(10),
  "durationMinutes" INTEGER
);

CREATE TABLE "studentSectionAssociation" (
  "studentSectionAssociationId" INTEGER PRIMARY KEY,
  "studentUSI" INTEGER NOT NULL REFERENCES "student"("studentUSI"),
  "sectionId" INTEGER NOT NULL REFERENCES "section"("sectionId"),
  "beginDate" DATE,
  "endDate" DATE,
  "enrollmentStatusDescriptor" VARCHAR(50),
  "attemptedCredits" DECIMAL(9,3),
  "gradingBasisDescriptor" VARCHAR(50),
  "repeatIdentifierDescriptor" VARCHAR(50),
  "lastModifiedDate" TIMESTAMP
);

CREATE TABLE "grade" (
  "gradeId" INTEGER PRIMARY KEY,
  "studentSectionAssociationId" INTEGER NOT NULL REFERENCES "studentSectionAssociation"("studentSectionAssociationId"),
  "gradeTypeDescriptor" VARCHAR(50) NOT NULL,
  "letterGradeEarned" VARCHAR(20),
  "numericGradeEarned" DECIMAL(9,2),
  "qualityPointsEarned" DECIMAL(9,2),
  "lastModifiedDate" TIMESTAMP
);
