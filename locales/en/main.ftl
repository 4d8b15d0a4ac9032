app-name = Bakhshyar
app-no-display = No display is available; run the program in a graphical session or use one of its commands (bakhshyar --help).
app-crashed = The window stopped on a fault of the program. Its report was written to { $path }; send it to the IT officer. No data was lost: every act is saved when it is done.
gui-app-crash-report = The program stopped unexpectedly last time. Its report is at { $path }; send it to the IT officer. No data was lost: every act is saved when it is done.
app-built-without-window = This build of Bakhshyar has no window (built without the gui feature); use one of its commands (bakhshyar --help).
app-window-failed = The application window could not be opened: { $detail }
app-tagline = District office services

## Offices that act in a workflow
office-applicant = Applicant
office-district_office = District office
office-county_office = County office
office-governorate = Governorate
office-ministry = Ministry of Interior
office-other_agency = Other agencies

## Service kinds
kind-exclusive = Exclusive
kind-general = General
kind-shared = Shared

## Issued documents
document-permit = Permit
document-licence = Licence
document-certificate = Certificate
document-card = Card
document-introduction_letter = Introduction letter
document-slip = Slip
document-credential = Credential
document-decree = Decree
document-approval = Approval
document-official_letter = Official letter
document-registration_record = Registration record

## Node kinds
node-start = Start
node-task = Task
node-decision = Decision
node-end = End

## Roles
role-clerk = Clerk
role-district_governor = District governor
role-administrator = Administrator
role-province = County or province office

## Catalogue
catalog-count = { $count ->
        [one] one service
       *[other] { $count } services
    } in the catalogue
catalog-summary = Catalogue version { $version }: { $services } services in { $units } units; { $transcribed } diagrams from the booklet and { $generic } generic workflows
catalog-booklet-count = The booklet counts { $booklet } services; { $listed } are in the catalogue and { $absent } absent
catalog-absent = { $unit }, row { $row }: absent, because { $reason } — { $note }
catalog-absent-reason-no-trace = the list table stops before this row and the booklet has no title, document list or diagram left that could be its
catalog-unit-difference = { $unit }: the booklet counts { $booklet } services, but { $listed } are in the catalogue and { $absent } named absent with a reason
catalog-check-ok = The catalogue is sound.
catalog-check-failed = The catalogue has { $count ->
        [one] one problem
       *[other] { $count } problems
    } and is not loaded.
catalog-embedded-broken = The catalogue built into the program is broken; the program will not start.
catalog-not-found = No service matches “{ $query }”.
catalog-field-number = Number
catalog-field-id = Service ID
catalog-field-no-id = none
catalog-field-title = Service
catalog-field-sub-title = Sub-service
catalog-field-unit = Unit
catalog-field-kind = Kind
catalog-field-has-client = Client-facing
catalog-field-issues = Issues
catalog-field-documents = Required documents, forms and regulations
catalog-field-notes = Notes
catalog-field-workflow = Workflow
catalog-workflow-generic = Generic workflow (the booklet has no diagram for this service)
catalog-workflow-booklet = Transcribed from the booklet's diagram
catalog-time-limit = Time limit: { $days } days
catalog-yes = yes
catalog-no = no
catalog-unknown = unknown (the booklet's table does not print this service's row)

## Catalogue problems: where
problem-location = { $file }
problem-location-service = { $file }, row { $row }

## Catalogue problems: what
problem-unreadable = cannot be read: { $detail }
problem-syntax = is not valid TOML: { $detail }
problem-unsupported-format = has format version { $version }; this program reads versions 1 and 2
problem-missing-unit-file = is named in catalog.toml but the file is missing
problem-unlisted-file = is not named in catalog.toml
problem-slug-mismatch = unit name “{ $slug }” does not match the file name
problem-duplicate-row = row number { $row } appears twice
problem-malformed-service-id = service ID “{ $id }” is not 11 digits
problem-duplicate-service-id = service ID { $id } is also used by { $other }
problem-empty-text = field { $field } is empty
problem-not-normalized = field { $field } is not normalized (NFC, Persian ی and ک, single spaces)
problem-zero-time-limit = step { $node } has a time limit of zero days
problem-workflow = workflow: { $detail }
problem-missing-field = field { $field } is left out, which only a service added after the first edition (with its own catalog_number) may do
problem-absent-row-listed = row { $row } is both a service and absent
problem-duplicate-catalog-number = catalogue number { $number } is used twice
problem-catalog-number-gap = the catalogue numbers skip { $number }; they must run from 1 without a gap

## Workflow rules
workflow-start-count = a workflow needs exactly one start, this one has { $count }
workflow-no-end = the workflow has no end
workflow-duplicate-node = step ID { $node } is used twice
workflow-unknown-node = an arrow points to step { $node }, which does not exist
workflow-unreachable = step { $node } cannot be reached from the start
workflow-dead-end = step { $node } cannot reach any end
workflow-decision-branches = decision { $node } needs at least two branches
workflow-unlabelled-branch = a branch of decision { $node } has no label
workflow-duplicate-branch = two branches of decision { $node } have the same label
workflow-task-branches = step { $node } has more than one way out but is not a decision
workflow-label-outside-decision = the arrow out of { $node } has a branch label but { $node } is not a decision
workflow-into-start = an arrow leads into start { $node }
workflow-out-of-end = an arrow leaves end { $node }
workflow-inferred-without-label = an arrow leaving { $node } is marked inferred but has no branch label

## Command line
cli-error = Error: { $detail }
cli-unknown-language = Language “{ $code }” is not supported; use fa or en

## Catalogue screen
app-switch-language = فارسی
catalog-search-placeholder = Search service title, ID or unit…
catalog-matches = { $count ->
        [one] one service
       *[other] { $count } services
    }
catalog-nothing-selected = No service selected.

## Workflow diagrams
diagram-written = Diagram of service { $service } written to { $path }.
diagram-format-unsupported = Format “{ $format }” is not supported: use svg, png or pdf.
diagram-service-missing = Name a service (ID, number or key), or pass --stats.
diagram-out-missing = Give the output file with --out.
diagram-write-failed = Cannot write { $path }: { $detail }
diagram-stats-workflows = { $count } workflows laid out.
diagram-stats-crossings = Total edge crossings: { $count }
diagram-stats-largest = Largest drawing: service { $service } ({ $width } × { $height })
diagram-stats-time = Layout time for all workflows: { $ms } ms
diagram-stats-alternative = Without crossing reduction: { $ms } ms (the layout above takes { $ratio } × this) and { $count } crossings

## Store
store-created = Created the database of district “{ $name }” (code { $code }) at { $path }.
store-no-data-dir = No user data folder was found; give one with --data-dir.
store-error-io = Cannot read or write { $path }: { $detail }
store-error-database = Database error: { $detail }
store-error-already-open = The database { $path } is open in another program; close it first.
store-error-newer-schema = This database was made by a newer Bakhshyar (schema { $found }; this program reads up to { $supported }); update the program. Nothing was changed.
store-error-not-bakhshyar = { $path } is not a Bakhshyar database; nothing in it was changed.
store-error-exists = A database already exists at { $path }; nothing was written.
store-error-missing = There is no database in { $path }; run “bakhshyar init” first.
store-error-corrupt = The database is damaged: { $detail }
store-made-private = Warning: { $path } was readable by other users of this computer; it is now readable by you alone (it holds citizens’ data and the district’s key).
store-migrated = This database was written by an earlier version (schema { $from }) and has been brought up to date; the file as it was is kept, unchanged, as { $copy }.
cli-not-a-file = “{ $path }” is neither a command nor a file. The commands: bakhshyar --help
store-user-adopted = This folder's former user (“{ $name }”) is now an account that must first set its password: at the login screen, or with bakhshyar user password --user NAME. An administrator must be made too: bakhshyar user add NAME --role administrator.
store-legacy-log-replayed = { $count ->
    [0] The side file “bakhshyar.redb-wal” of an earlier version held nothing the database lacked; it was removed.
   *[other] This folder was written by an earlier version, whose last { $count } commits were only in the side file “bakhshyar.redb-wal”; they have all been written into the database and the side file was removed. Nothing was lost.
}
store-error-unknown-case = No case has tracking code { $code }.
store-error-unknown-service = The catalogue has no service “{ $service }”.
store-error-district-code = The district code “{ $code }” must be 1 to 4 digits.
store-error-sequence-exhausted = This year's case numbers are used up.

## Check, backup and restore
check-clean = The database is sound: { $cases } cases, { $events } events, { $outbox } outbox entries checked.
check-found = Found { $count } problems in the database:
check-problem-undecodable = Case { $code }: a stored record cannot be read ({ $detail }).
check-problem-projection = Case { $code }: the stored case differs from its history ({ $detail }).
check-problem-key-mismatch = Case { $code }: stored under another tracking code ({ $detail }).
check-problem-index-stale = Case { $code }: a search index entry is out of date ({ $detail }).
check-problem-index-missing = Case { $code }: a search index entry is missing ({ $detail }).
check-problem-orphan-event = Case { $code }: events without a case ({ $detail }).
check-problem-outbox = Outbox entry { $code } cannot be read ({ $detail }).
check-problem-integrity = redb’s own integrity check of the file failed ({ $detail }).
backup-written = Backup written to { $path }.
backup-restored = Restored the database from { $file }.
backup-kept-old = The previous database was kept at { $path }.
backup-daily-failed = The daily backup could not be written: { $detail }
backup-error-missing = There is no backup file { $path }.
backup-error-damaged = The backup { $path } has { $count } problems (see “bakhshyar check”); nothing was restored.
backup-error-other-district = This backup is of district { $backup }, and this computer’s database of district { $current }; it was not restored. If this computer is to work as district { $backup } from now on, ask for it explicitly with “--as-district { $backup }”.

## Cases
case-created = Case opened. Tracking code: { $code }
case-advanced = Case { $code } moved to “{ $step }”.
case-closed-now = The case is closed.
case-field-tracking = Tracking code: { $code }
case-field-service = Service: { $service }
case-field-applicant = Applicant: { $name } — ID { $id }
case-field-phone = Phone: { $phone }
case-field-status = Status: { $status }
case-field-step = Current step: { $step }
case-field-opened = Opened: { $date }
case-field-checklist = Documents:
case-field-history = History:
case-document-received = received
case-document-missing = not received
case-status-open = open
case-status-closed = closed
case-event-opened = case opened
case-event-advanced = from “{ $from }” to “{ $to }”
case-event-decided = from “{ $from }” to “{ $to }” by decision “{ $branch }”
case-event-paper = (by paper letter no. { $number } of { $date })
case-event-document = document { $item }: { $state }
case-event-note = note
case-event-file = attached { $file }
case-event-line = { $sequence }. { $date } — { $actor }: { $what }
case-event-note-line = Note: { $note }
case-search-count = { $count ->
        [one] one case found.
       *[other] { $count } cases found.
    }
case-search-row = { $code }  { $date }  { $name }  { $status }  { $step }
case-error-closed = This case is closed and cannot change.
case-error-no-such-step = The service's workflow has no step “{ $step }”.
case-error-no-transition = There is no way from step “{ $from }” to “{ $to }”.
case-error-branch-required = Step “{ $step }” is a decision: give the branch with --decision.
case-error-wrong-branch = Decision “{ $step }” has no branch “{ $label }” to “{ $to }”.
case-error-branch-not-expected = Step “{ $step }” is not a decision and takes no branch.
case-error-no-checklist-item = The checklist has no document number { $item }.
case-error-empty-note = The note is empty.
case-error-text-too-long = { $field ->
        [override] The reason to issue with documents missing has
        [reason] The revocation reason has
        [conditions] The document's conditions have
       *[note] The note has
    } { $length } characters; at most { $max } are accepted.
case-error-text-control-character = { $field ->
        [override] The reason to issue with documents missing holds
        [reason] The revocation reason holds
        [conditions] The document's conditions hold
       *[note] The note holds
    } the control character { $char }, which is not accepted.
case-error-text-bidi-control = { $field ->
        [override] The reason to issue with documents missing holds
        [reason] The revocation reason holds
        [conditions] The document's conditions hold
       *[note] The note holds
    } the hidden direction control { $char }, which changes the order the text is shown in; it is not accepted.
case-error-history = The case's history is wrong: { $detail }
case-error-bad-tracking-code = “{ $code }” is not a valid tracking code; a tracking code has 13 digits.
case-error-national-id-length = A national ID has 10 digits (a legal-entity ID 11).
case-error-national-id-checksum = The national ID's check digit does not match.
case-error-legal-entity-id-length = A legal-entity ID has 11 digits.
case-error-legal-entity-id-checksum = The legal-entity ID's check digit does not match.
case-error-name-missing = The applicant's name is empty.
case-error-name-too-long = The applicant's name has { $length } characters; at most { $max } are accepted.
case-error-name-control-character = The applicant's name holds the control character { $char }, which a name may not have.
case-error-name-bidi-control = The applicant's name holds the hidden direction control { $char }, which changes the order the name is shown in; it is not accepted.
case-error-name-without-letter = The applicant's name has no letter; a name of only spaces, digits, punctuation or invisible characters is not accepted.
case-error-phone-invalid = The phone number is not valid.
case-error-foreign-code-length = A foreign national's unique code has 12 digits.
case-error-foreign-code-placeholder = A foreign national's unique code is not one digit repeated; type the code on the residence document.
case-error-passport-invalid = A passport number is 5 to 9 Latin letters and digits, with at least one digit.
case-error-letter-number-missing = The request letter's number is needed.
case-error-letter-number-invalid = A letter number has a digit, at most { $max } characters, and no “|” or control character.
case-error-citizen-on-internal-service = Service { $service } is internal: an office or official asks for it by letter, with its number and date, not a citizen.
case-error-office-on-client-service = Service { $service } serves citizens: an office's letter does not open it; register the applicant by national ID, legal-entity ID, foreign national's unique code or passport.

# The case store: search dates, checklist, notes, attachments, import, storage errors
case-error-bad-date = “{ $date }” is not a valid date; write a Solar Hijri date such as 1405/01/15.
case-error-few-digits = Cannot search for “{ $digits }”: write at least { $min } digits of the tracking code or of the applicant's ID.
check-problem-counter = The tracking-code counter of year { $code } is not above the highest sequence in use; the next case would repeat a code ({ $detail }).
check-problem-missing-table = The database lacks the table { $code } ({ $detail }).
check-problem-chain-broken = The chain of recorded acts is broken; a past act was edited, deleted or moved (case { $code }): { $detail }
case-document-marked = Document { $item } of case { $code }: { $state }.
case-note-added = Note added to case { $code }.
case-file-attached = File “{ $file }” attached to case { $code }.
case-error-document-number = { $count ->
    [0] Case { $code } has no checklist.
   *[other] “{ $number }” is not a document number of case { $code }; its documents are numbered 1 to { $count }.
}
case-import-line-failed = Line { $line } was not imported: { $reason }
case-import-stopped = The import stopped at line { $line }: { $reason }
case-import-done = { $opened } cases opened; { $failed } bad lines skipped.
case-import-bad-json = The line is not a JSON object with service, national_id or legal_entity_id, name and phone ({ $detail }).
case-import-identity = Give exactly one of national_id, legal_entity_id, foreign_code and passport, or for an office letter_number with letter_date.
case-import-line-too-long = the line is longer than { $max } KiB and was not read.
store-error-no-space = The disk is full (or the file may grow no further); this change was not saved and earlier cases are intact. Free some space and try again.
store-error-read-only = { $path } cannot be written: the folder or file is read-only or writing is not permitted. Nothing was changed.
## Issued documents and printing (issue 6)
check-problem-serial-gap = Serial numbers have a gap: { $detail }
check-problem-account-mismatch = The account “{ $code }” is not as the acts on it recorded (written into the file by hand?): { $detail }
check-problem-serial-mismatch = Serial numbers and issue events disagree: { $detail }
issue-error-issues-no-document = This service issues no document.
issue-error-not-at-issuing-step = The case stands at step “{ $step }”, which does not issue the document; advance it to the issuing step first.
issue-error-already-issued = Document { $serial } is already issued on this case; to correct it, issue a new one that supersedes it (--supersedes).
issue-error-no-document = This case has no issued document; issue it first with “bakhshyar case issue”.
issue-error-unknown-serial = This case has no document { $serial }.
issue-error-revoked = Document { $serial } is revoked.
issue-error-superseded = Document { $serial } was replaced by { $newer }.
issue-error-duplicate-required = The original of document { $serial } was printed already; a further copy is a duplicate: give --duplicate (district governor only).
issue-error-empty-reason = A revocation needs a reason.
case-error-same-catalog = The case is already on catalogue version { $version }.
case-error-not-in-catalog = Catalogue version { $version } lacks this case's service or its step { $step }; the case stays on its version.
case-error-upstream-step = Step { $step } is decided by: { $office }. Its decision arrives signed through sync, or the district governor records its paper letter with the letter’s number and date.
case-error-not-upstream-step = Step { $step } is the district office’s own; no letter from the county or province is recorded for it.
case-error-empty-letter-number = A decision received on paper needs its letter’s number.
case-error-documents-missing = { $missing } of the { $total } required documents were not received; the district governor issues all the same only with a reason, which goes into the record and onto the counter’s exceptions.
print-document-permit = Permit
print-document-licence = Licence
print-document-certificate = Certificate
print-document-card = Card
print-document-introduction-letter = Letter of introduction
print-document-slip = Slip
print-document-credential = Credential
print-document-decree = Decree
print-document-approval = Approval
print-document-official-letter = Official letter
print-document-registration-record = Registration record
print-header-invocation = In the Name of God
print-header-republic = Islamic Republic of Iran
print-header-ministry = Ministry of the Interior
print-header-governorate = Governorate of { $name }
print-header-county-office = County office of { $name }
print-header-attachment = Attachment:
print-header-attachment-none = none
print-validity-open = until revoked
print-validity-until = until { $date }
print-documents-title = Documents and legal basis
print-error-office-incomplete = The office's letterhead is incomplete: it lacks { $missing }. Before printing, set it in the program's settings (Printing) or in the file { $path } (county = … and province = …).
print-office-missing-county = the county's name
print-office-missing-province = the province's name
print-office-missing-both = the county's and the province's names
# Who the applicant is, in a document's sentence after the name; $date is an office's letter's date.
print-applicant-identity = { $kind ->
    [organisation] legal-entity ID { $id }
    [foreign-national] foreign national's unique code { $id }
    [passport] passport number { $id }
    [office] letter no. { $id } of { $date }
   *[person] national ID { $id }
}
# The applicant's identifier alone, as a field's value (the receipt).
print-identity = { $kind ->
    [organisation] legal-entity ID { $id }
    [foreign-national] foreign national's unique code { $id }
    [passport] passport number { $id }
    [office] letter no. { $id } of { $date }
   *[person] national ID { $id }
}
print-header-district = District office of { $name }
print-header-date = Date:
print-header-number = Number:
print-steps-title = The steps ahead
print-step-with-limit = { $step } (at most { $days } days)
print-verify-title = Verification
print-verify-hint = Scan the QR code or give this code to the district office.
print-error-font = The built-in font could not be read or subset.
print-error-template-line = Template { $path }, line { $line }: { $detail }
print-error-template-unreadable = The template file { $path } cannot be read.
print-error-template-unknown = There is no built-in template { $name }.
print-template-needs-text = “{ $text }” needs a text after it
print-template-paper = paper “{ $text }” is not A4 or A5
print-template-field-without-bar = a field line is “label | value”
print-template-not-points = “{ $text }” is not a number of points
print-template-unknown-directive = unknown directive “{ $text }”
print-template-unclosed = a “{"{"}” is not closed
print-template-unknown-field = unknown field {"{"}{ $text }{"}"}; known: { $known }
print-error-emblem = The office emblem { $path } cannot be printed: { $detail }
print-error-office-unreadable = The office settings file { $path } cannot be read.
print-error-office-unwritable = The office settings file { $path } cannot be written; the old one is unchanged.
print-error-office-broken = The office settings file { $path } is broken at line { $line }; correct it or remove it.
print-error-office-paper = In the office settings file { $path }, { $key } = «{ $value }» is not a paper this program prints on (A4 or A5).
print-emblem-missing = there is no such file
print-emblem-unreadable = the file cannot be read
print-emblem-not-an-image = it is not a PNG or JPEG image
print-emblem-broken-jpeg = the JPEG file is damaged
print-emblem-broken-png = the PNG file is damaged
recovery-sheet-title = Administrator password recovery sheet
recovery-sheet-district = District:
recovery-sheet-district-code = District code:
recovery-sheet-administrator = Administrator account:
recovery-sheet-made-on = Made on:
recovery-sheet-code = Recovery code
recovery-sheet-keep = Keep this sheet locked away, as you would the key to a safe.
recovery-sheet-anyone = Anyone who holds this sheet can take over the administrator account.
recovery-sheet-use = To use it, choose “Recover with the sheet” on the program’s login screen, or type on the command line:
recovery-sheet-command = bakhshyar recover --admin NAME --recovery-code-file FILE --new-password-file FILE
recovery-sheet-after = Once it is used, a new sheet is made and this one no longer works.
recovery-sheet-error-code = The recovery code cannot be printed: it must be Latin letters and digits that fit in a QR code.
# The province hub's enrolment sheet (bakhshyar-hub enroll --sheet): carried to the district by hand
enrollment-sheet-title = Province hub enrolment sheet
enrollment-sheet-hub = Province hub:
enrollment-sheet-district-code = District code:
enrollment-sheet-made-on = Made on:
enrollment-sheet-hub-fingerprint = Fingerprint of the province hub’s key
enrollment-sheet-district-fingerprint = Fingerprint of the district’s key
enrollment-sheet-command = To run at the district (or scan the QR code below)
enrollment-sheet-carry = Carry this sheet to the district by hand: it is how the district learns the hub’s key.
enrollment-sheet-check = At the district, run the line above, then check that the fingerprint it prints is the hub key’s on this sheet, and that the district key’s is the one “sync identity” prints.
enrollment-sheet-network = Never take a hub key from the network (e-mail, a messenger, a web page): a key whose fingerprint is not the one on this sheet is not the province’s.
enrollment-sheet-error-line = The enrolment sheet cannot be made: the hub’s id makes the trust line too long for a QR code.
case-event-issued = document { $serial } issued
case-event-issued-supersedes = , replacing document { $serial }
case-event-issued-until = , valid until { $date }
case-event-issued-conditions = ; conditions: { $conditions }
case-event-issued-override = ; { $missing } required documents missing, issued because: { $reason }
case-event-printed = document { $serial } printed, copy { $copy }
case-event-revoked = document { $serial } revoked: { $reason }
case-event-migrated = moved from catalogue version { $from } to { $to }
issue-done = { $kind } { $serial } was issued on case { $code }.
issue-error-bad-serial = “{ $serial }” is not a serial number such as 1405-000012.
issue-error-bad-validity = Validity “{ $days }” must be a whole number of days from 1 to { $max }.
revoke-done = Document { $serial } was revoked.
migrate-done = Case { $code } now follows catalogue version { $version }.
print-done = Wrote { $path } (document { $serial }, copy { $copy }).
print-receipt-done = Wrote the receipt of case { $code } to { $path }.
print-error-write = Cannot write { $path }: { $detail }
print-error-no-receipt-for-office = This case was opened on an office’s or official’s letter and has no applicant receipt; write the tracking code in the reply to that letter.
print-sent = Sent document { $serial } (copy { $copy }) to printer { $printer } as job { $job }; its file: { $path }
print-receipt-sent = Sent the receipt of case { $code } to printer { $printer } as job { $job }; its file: { $path }
print-error-not-sent = The copy was saved as { $path } and counted, but it did not reach the printer: { $detail } Print that file; printing the document again from the program makes a duplicate.
spool-error-bad-name = "{ $name }" is not a printer's name: it starts with a letter or digit and holds only letters, digits and - _ . @ + :
spool-error-no-spooler = The print program { $program } was not found on this computer. Install the system's print service (on Linux: apt-get install cups) and add the printer to it, or print to a PDF file.
spool-error-not-running = The system's print service does not answer ({ $detail }). Start it (on Linux: systemctl start cups) and print again.
spool-error-no-printer = No printer is chosen and the system has no default printer. Choose one in Settings, or name it with --printer NAME.
spool-error-unknown-printer = There is no printer { $name } on this computer. Choose the printer again in Settings (lpstat -e lists this computer's printers).
spool-error-refused = Printer { $name } refused the job: { $detail }
verify-unreadable = “{ $code }” is not a verification code.
verify-other-district = This code is from district { $district }; only that district, or the province hub (verify with --hub), can answer for it.
verify-unknown = Unknown: this district issued no document { $serial }; the code may be forged.
verify-forged = Forged: the signature does not match document { $serial }.
verify-revoked = Revoked: document { $serial } was revoked on { $date }: { $reason }
verify-superseded = Replaced: document { $serial } was replaced by { $newer }.
verify-genuine = Genuine: { $kind } { $serial }, issued on { $date } to { $applicant } (case { $code }).
verify-hub-genuine = Province hub: genuine — the code is district { $district }'s own for document { $serial }, and the document is in force.
verify-hub-unverifiable = Province hub: document { $serial } of district { $district } cannot be checked by its short code here; read the full code (QR) instead. This says nothing about whether it is valid.
verify-hub-revoked = Province hub: revoked — document { $serial } of district { $district } was revoked on { $revoked }.
verify-hub-superseded = Province hub: replaced — document { $serial } of district { $district } was replaced by { $newer }.
verify-hub-forged = Province hub: forged — the code does not match document { $serial } of district { $district }.
verify-hub-unknown = Province hub: no document { $serial } of district { $district } is known (not issued, or not yet synced).
verify-hub-unreadable = Province hub: this is not a verification code.
verify-hub-pending = (The governorate revoked it; as of the district's last sync on { $synced }, the district had not recorded the revocation yet.)
verify-hub-pending-unsynced = (The governorate revoked it; the district has not confirmed it yet.)
verify-hub-knows-more = The province hub knows more than this district's records: trust the hub's answer.
verify-hub-unreachable = The province hub cannot be reached: { $detail }
# Sync with the province hub (district side)
sync-identity = District { $code }; public key:
sync-trusted = The hub “{ $hub }” is now trusted for sync.
sync-trusted-fingerprint = Fingerprint of the hub’s key: { $fingerprint }. It must be the one on the enrolment sheet; if it is not, do not sync, and tell the province.
sync-identity-fingerprint = Fingerprint of the district’s key, to read out to the hub: { $fingerprint }
sync-pushed = Sent { $batches } batches; the hub holds events up to { $held }.
sync-pulled = Applied { $decisions } decisions from the hub; the hub holds events up to { $held }.
sync-imported = Applied { $decisions } decisions from the hub's file.
sync-recovered = Took back { $count } of this district's events, lost when an older backup was restored, from the hub.
sync-catalogs = Installed { $count } catalogue versions from the hub; new cases use the newest.
sync-revocations = Applied { $count } revocations from the hub.
sync-quarantined = A batch was set aside: { $reason }
sync-status = Pending: { $pending }; confirmed up to: { $acked }; last contact: { $contact }
sync-status-push-pull = Last successful push: { $push }; last successful pull: { $pull }
sync-never = never
sync-exported = Wrote { $batches } batches to { $path }.
sync-error-file = Cannot read or write { $path }: { $detail }
sync-error-unreachable = The hub cannot be reached ({ $detail }); nothing was removed from the outbox, try again later.
sync-error-refused = The hub refused the batch ({ $reason }): { $detail }
sync-error-batch = The batch was refused ({ $reason }): { $detail }; nothing of it was applied.
sync-error-refused-worded = The hub refused the batch: { $reason }.
sync-error-batch-worded = The batch was refused: { $reason }; nothing of it was applied.
sync-error-hub-key = The hub's key is not the one this district knows; nothing was synced.
sync-error-receipt = The hub’s answer (the receipt for the events) does not carry the hub’s valid signature; nothing was deleted from the outbox. Someone may be tampering with the answers between this computer and the province; tell the governorate’s IT officer.
sync-error-no-hub = This district has not been given the hub’s key yet: the administrator enters the id and key that enrolment printed at the hub with “bakhshyar sync trust --hub-id … --key …”. A hub whose key was not given is never trusted.
sync-error-cancelled = Sync cancelled; the batches that got through before it are kept.
sync-error-clock = This computer's clock is more than 5 minutes off the province's, so the hub cannot tell its requests from old ones sent again; set the date, time and time zone right and sync again. Nothing was removed from the outbox.
sync-error-replayed-request = The hub kept taking this computer's requests for earlier ones sent again, even signed anew; another sync of this district may be running at the same time. Nothing was removed from the outbox; try again in a moment.
sync-error-tampered = What reached the hub is not what this computer signed: something between this computer and the province changes requests on the way. Nothing was removed from the outbox; tell the governorate's IT officer.
sync-error-not-recognised = The hub does not recognise this district's signature: the district must be enrolled at the hub with this computer's key (“bakhshyar sync identity” prints it). Nothing was removed from the outbox.

# The province hub (bakhshyar-hub)
hub-created = Created the hub “{ $id }”; public key: { $key }
hub-key-fingerprint = Fingerprint of the hub’s key: { $fingerprint }
hub-district-fingerprint = Fingerprint of district { $district }’s key: { $fingerprint }; it must be the one the district read out from “bakhshyar sync identity”: if it is not, do not give the district the line above.
hub-sheet-written = The enrolment sheet is written to { $path }; print it, and carry it to the district by hand.
hub-enrolled = Enrolled district { $district }.
hub-re-enrolled = Enrolled a new key for district { $district } (enrolment { $count }).
hub-chain-accepted = District { $district }'s record chain is taken from its next batch; the chain held up to act { $act } and its events stay as they were.
hub-enrolled-give = Give the district these two, apart from the network (on paper or a USB stick), to run there: { $line }
hub-listening = The hub listens on { $address }
hub-stats-line = District { $district }: { $held } events, last sequence { $last }, last contact { $contact }
hub-stats-never = never
hub-import-held = Batch taken; events held up to { $held }.
hub-exported = Wrote the reply file to { $path }.
hub-decided = Recorded the decision on case { $case } for district { $district }.
hub-published = Published catalogue version { $version } to { $count } districts.
hub-revoked = Revoked document { $serial } (case { $case }); the revocation goes down to district { $district }.
hub-bad-serial = “{ $serial }” is not a document serial (e.g. 1405-000012).
hub-error = Error: { $detail }
hub-error-bad-district-code = “{ $code }” is not a district code; a district code is the digits the district was set up with.
hub-error-key-in-use = This key is enrolled for district { $district } already; each district has its own key.
hub-error-held = The hub's store { $path } is in use by another process, most likely a running “bakhshyar-hub serve”. Stop it first (systemctl stop bakhshyar-hub, or Ctrl+C where it runs).
hub-store-held = The hub's store { $path } is held by another process, most likely a running “bakhshyar-hub serve”, and there is no { $file } to send the command to it through. Stop that process (systemctl stop bakhshyar-hub, or Ctrl+C where it runs) and run the command again.
hub-admin-no-answer = The hub's store { $path } is held by another process, and the hub that admin.json names at { $address } does not answer ({ $detail }). Stop that process (systemctl stop bakhshyar-hub, or Ctrl+C where it runs) and run the command again.
hub-admin-refused = The running hub at { $address } refused the command: { $detail }. Stop it (systemctl stop bakhshyar-hub, or Ctrl+C where it runs) and run the command again.
hub-no-data-dir = Give the hub's data folder with --data-dir, or its PostgreSQL database with --postgres URL.
hub-no-upload-dir = Give the folder for partial uploads with serve --upload-dir, or a data folder with --data-dir (its uploads folder is used).
## The window's screens (gui-<screen>-…)
gui-app-loading = Loading…
gui-app-opening = Opening the database…
gui-app-cancel = Cancel
gui-app-previous = Previous
gui-app-next = Next
gui-app-retry = Try again
gui-app-dismiss = Close
gui-app-key-new = Ctrl+N: new case
gui-app-key-search = Ctrl+F: search
gui-app-key-cancel = Esc: cancel
gui-app-nav-counter = Counter
gui-app-nav-new-case = New case
gui-app-nav-catalog = Services
gui-app-nav-settings = Settings
gui-app-nav-sync = Sync
gui-first-run-title = Setting up Bakhshyar
gui-first-run-intro = You enter this once. The administrator then adds the clerks’ and the district governor’s accounts in Settings.
gui-first-run-district-name = District name
gui-first-run-district-code = District code (up to four digits)
gui-first-run-user-name = The administrator's account name (such as a full name)
gui-first-run-data-dir = Data folder
gui-first-run-submit = Create the database and start
gui-first-run-required = Fill in this field.
gui-counter-search-placeholder = Search by tracking code, national ID or name…
gui-counter-results = { $count ->
    [one] { $count } case found
   *[other] { $count } cases found
}
gui-counter-none = No cases.
gui-counter-today = Today's cases: { $count }
gui-counter-mine = Waiting for me: { $count }
gui-counter-overdue = Overdue: { $count }
gui-counter-upstream = Awaiting the county or province: { $count }
gui-counter-exceptions = Issued with documents missing: { $count }
gui-counter-chart-weeks = Cases per week (week starting)
gui-counter-chart-services = Most requested services ({ $count ->
    [one] one case
   *[other] { $count } cases
} in all)
gui-new-case-letter-date-required = Write the letter's date.
gui-new-case-office-name-required = Write the name of the requesting office or official.
gui-new-case-service = Service
gui-new-case-service-placeholder = Part of the service's title or its ID…
gui-new-case-pick-service = Choose a service.
gui-new-case-no-service = No service chosen yet.
gui-new-case-documents = Documents received
gui-new-case-applicant = Applicant
gui-new-case-person = Person
gui-new-case-organisation = Organisation
gui-new-case-national-id = National ID
gui-new-case-legal-entity-id = Legal-entity ID
gui-new-case-foreign-national = Foreign national
gui-new-case-passport = By passport
gui-new-case-foreign-code = Foreign national’s unique code (12 digits)
gui-new-case-passport-number = Passport number
gui-new-case-requester-office = Requesting office or official (internal service)
gui-new-case-letter-number = Letter number
gui-new-case-letter-date = Letter date (e.g. 1405/09/15)
gui-new-case-office-name = Office or official
gui-new-case-name = Name
gui-new-case-phone = Phone (optional)
gui-new-case-save = Save the case
gui-new-case-keys = Enter saves · Esc cancels
gui-new-case-saved = The case is saved. Tracking code:
gui-new-case-open = Open the case
gui-new-case-another = Another new case
gui-new-case-office-reply = This request came by letter and has no applicant's receipt; write the tracking code in the reply to that letter.
gui-new-case-discard-ask = What you have entered in this form is not saved. Throw it away?
gui-new-case-discard = Throw away
gui-new-case-keep = Keep editing
gui-case-service = Service
gui-case-phone = Phone
gui-case-status = Status
gui-case-opened = Opened
gui-case-open = Open
gui-case-closed = Closed
gui-case-checklist = Documents
gui-case-actions = Actions
gui-case-history = History
gui-case-advance = Send to: { $step }
gui-case-decide = { $branch } → { $step }
gui-case-paper-advance = Record the paper letter and send to: { $step }
gui-case-paper-decide = Record the paper letter: { $branch } → { $step }
gui-case-paper-heading = A decision received on paper; sends the case to “{ $step }”
gui-case-paper-number = The letter’s number
gui-case-paper-date = The letter’s date (e.g. 1405/09/10)
gui-case-paper-confirm = Record the letter and send
gui-case-note-placeholder = Note…
gui-case-add-note = Add note
gui-case-no-actions = Your role has no action on this case now.
gui-case-waiting-upstream = This step is for: { $office }. Its decision arrives signed through sync; if it came on paper, the district governor records the letter with its number and date.
gui-case-current-step = Current step: { $step }
gui-case-current-step-office = Current step: { $step } — { $office }
gui-diagram-acting = Acting: { $office }
gui-diagram-legend-current = The case's current step
gui-diagram-legend-path = Path taken so far
gui-diagram-legend-return = Return for correction
gui-case-event-opened = Case opened
gui-case-event-received = Document { $item } received
gui-case-event-not-received = Document { $item } unticked
gui-case-event-advanced = Sent to “{ $step }”
gui-case-event-decided = Decided “{ $branch }”, sent to “{ $step }”
gui-case-event-paper = Decided “{ $branch }” by letter no. { $number } of { $date }, sent to “{ $step }”
gui-case-event-note = Note
gui-case-event-file = File { $file } attached
gui-app-working = Working…
gui-print-written = PDF written: { $path }
gui-print-sent = Sent to printer { $printer }; print job { $job }
gui-print-error-view = { $path } could not be shown ({ $detail }); the file is written and you can open it yourself.
gui-print-error-no-viewer = No program to show PDFs was found; open or print { $file } from its folder.
gui-case-return = Return for correction to: { $step }
gui-case-attach = Attach a scanned document…
gui-case-issue = Issue the document
gui-case-issue-correction = Issue a correction
gui-case-issue-validity = Validity (days)
gui-case-issue-validity-placeholder = e.g. 365; blank for no end
gui-case-issue-conditions = Conditions
gui-case-issue-conditions-placeholder = Conditions printed on the document (optional)
gui-case-issue-missing = { $missing } of the { $total } required documents were not received. To issue all the same, write why (it goes into the record):
gui-case-issue-override-placeholder = Why the document is issued without them
gui-case-issue-supersedes = This issue:
gui-case-issue-fresh = First issue
gui-case-issue-corrects = Corrects and replaces document { $serial }
gui-case-issue-confirm = Issue with these terms
gui-case-print = Print the document
gui-case-print-save = Save the document as…
gui-case-duplicate = Print a duplicate
gui-case-duplicate-save = Save a duplicate as…
gui-case-print-paper = Print the document on paper
gui-case-duplicate-paper = Print a duplicate on paper
gui-case-revoke = Revoke the document…
gui-case-revoke-ask = Write the reason for the revocation and confirm it. A revocation cannot be undone.
gui-case-revoke-reason = Reason for the revocation…
gui-case-revoke-confirm = Revoke
gui-case-revoke-reason-required = A document cannot be revoked without a reason; write the reason.
gui-case-document = { $kind } { $serial } — { $copies ->
    [one] one copy printed
   *[other] { $copies } copies printed
}
gui-case-document-unprinted = { $kind } { $serial } — not printed yet
gui-case-document-revoked = { $kind } { $serial } — revoked
gui-case-document-superseded = { $kind } { $serial } — replaced
gui-new-case-receipt = Print the applicant's receipt
gui-new-case-receipt-save = Save the receipt as…
gui-settings-language = Language
gui-settings-language-fa = فارسی
gui-settings-language-en = English
gui-settings-data-dir = Data folder
gui-settings-backups = Backups
gui-settings-backups-not-permitted = Backups and restores are the administrator's.
gui-settings-key = District signing key
gui-key-held = This computer holds the district's signing key. Backups do not carry it: save a copy sealed with a passphrase, and keep it, with the passphrase written apart, away from the backups.
gui-key-passphrase = Passphrase (at least 12 characters)
gui-key-repeat = The same passphrase again
gui-key-export = Save a sealed copy…
gui-key-import = Take the key back from a copy…
gui-settings-backup-now = Back up now…
gui-settings-backup-saved = Backup saved: { $path }
gui-settings-automatic = Automatic daily backups: { $count }
gui-settings-restore = Restore
gui-settings-restore-confirm = The current database is set aside and { $path } takes its place. Continue?
gui-settings-restore-yes = Yes, restore
gui-settings-printing = Printing
gui-settings-printing-not-permitted = The printing defaults are the district governor's or the administrator's.
gui-settings-county = County, as the letterhead shows it
gui-settings-province = Province, as the letterhead shows it
gui-settings-emblem = The office's emblem, at the top of every document
gui-settings-emblem-none = No emblem
gui-settings-emblem-file = Emblem: { $path }
gui-settings-emblem-choose = Choose an image…
gui-settings-emblem-remove = Remove the emblem
gui-settings-document-paper = Paper of issued documents
gui-settings-receipt-paper = Paper of receipts
gui-settings-printer = This computer's printer (printing on paper)
gui-settings-printer-default = The system's default
gui-settings-printer-default-named = The system's default ({ $name })
gui-settings-printer-none = This computer has no printer; printing on paper waits until one is added to the system.
gui-settings-printer-saved = This computer's printer was kept.
gui-settings-paper-template = As the template says
gui-settings-printing-save = Save the printing defaults
gui-settings-printing-saved = Saved; the next prints, from the window and the command line, follow them.
gui-sync-title = Sync with the province hub
gui-sync-pending = Events waiting to be sent: { $count }
gui-sync-last-contact-never = Last contact with the hub: never
gui-sync-last-contact = Last contact with the hub: { $when }
gui-sync-address = Province hub address
gui-sync-address-placeholder = http://10.0.0.5:8080
gui-sync-address-save = Save address
gui-sync-address-saved = Address saved; automatic sync uses it from now on.
gui-sync-address-empty = Type the province hub's address.
gui-sync-address-scheme = Only http:// addresses are supported.
gui-sync-address-host = The hub's host name or IP address is not valid.
gui-sync-address-port = The port must be a number from 1 to 65535.
gui-sync-no-address = No hub address is set yet; events stay in the queue.
gui-sync-now = Sync now
gui-sync-progress-connecting = Contacting the province hub…
gui-sync-progress-push = Sending batches: { $done } of { $total }
gui-sync-progress-pull = Receiving batches: { $done } of { $total }
gui-sync-done = Sent { $sent } batches and received { $received }; applied { $decisions } decisions.
gui-sync-quarantined = Batches set aside: { $count }
gui-sync-quarantined-item = Batch { $batch }:
gui-sync-quarantined-at-hub = The province hub has set aside { $count } of this district's batches.
gui-sync-last-push = Last successful push to the hub: { $when }
gui-sync-last-push-never = Last successful push to the hub: not yet
gui-sync-last-pull = Last successful pull from the hub: { $when }
gui-sync-last-pull-never = Last successful pull from the hub: not yet
gui-sync-set-aside-item = Events { $first } to { $last }: { $reason }

## Why the hub set a batch aside, by SyncError::key
sync-reason-not-a-batch = not a Bakhshyar batch
sync-reason-unknown-version = unknown batch format version
sync-reason-truncated = the batch is cut short
sync-reason-trailing-bytes = bytes after the batch signature
sync-reason-malformed = the batch header does not decode
sync-reason-compression = the batch body does not decompress
sync-reason-too-large = the batch is too large
sync-reason-not-sealed = the batch was not sealed to its receiver, so it could have been read on the way
sync-reason-seal = the sealed batch does not open with the receiver's key
sync-reason-unknown-sender = the sender is not enrolled
sync-reason-bad-signature = the signature does not match the sender's key
sync-reason-wrong-receiver = the batch is addressed to another receiver
sync-reason-inconsistent = the batch's events do not match its first and last sequence
sync-reason-out-of-order = the batch came out of order
sync-reason-replayed = the batch was already held
sync-reason-forked = an event differs from the one held under its number
sync-reason-broken-chain = the batch does not name the batch before it
sync-reason-foreign-event = an event of another district's cases
sync-reason-chain-rewritten = the district's record chain does not extend the one the province holds: the record was rewritten, or an older backup restored; nothing was deleted, and the province must look into it and accept it
sync-reason-chain-gap = the batch's record chain starts after where the province's ends
sync-reason-chain-missing = the batch carries no record chain, but the province holds this district's
sync-reason-gap = the event numbers skip

gui-sync-files = Sync by file (USB stick)
gui-sync-export = Save the queued batches to a file…
gui-sync-import = Read the hub's reply file…
gui-sync-imported = Read { $received } batches from the file; applied { $decisions } decisions.
gui-sync-import-chosen = The window was opened with the file { $path }. Read it as the hub's reply?
gui-sync-import-chosen-read = Read this file
gui-sync-import-chosen-dismiss = Not now
gui-sync-status-running = Syncing…
gui-sync-status-waiting = Sync: waiting for a connection
gui-sync-status-last = Last sync:

## Dates: the Solar Hijri day, then the time of day in Iran (Localizer::when)
date-time = { $date }, { $time }
date-day = { $day } { $month } { $year }
date-month-1 = Farvardin
date-month-2 = Ordibehesht
date-month-3 = Khordad
date-month-4 = Tir
date-month-5 = Mordad
date-month-6 = Shahrivar
date-month-7 = Mehr
date-month-8 = Aban
date-month-9 = Azar
date-month-10 = Dey
date-month-11 = Bahman
date-month-12 = Esfand

## Accounts and login (src/office/accounts.rs, src/cli/login.rs, src/i18n/account_errors.rs)
list-separator = {", "}
account-error-unknown-user = There is no account named “{ $name }”.
account-error-disabled = The account “{ $name }” is disabled; an administrator can enable it again.
account-error-wrong-password = The password is wrong. (Check the keyboard language and Caps Lock.)
account-error-throttled = Too many failed logins in a row; try again in { $seconds } seconds.
account-error-no-password = The account “{ $name }” has no password yet; set one first.
account-error-name-taken = An account named “{ $name }” already exists.
account-error-name-too-long = The account name is { $length } characters long; at most { $max } are accepted.
account-error-name-character = The account name holds the invisible or control character { $char }, which is not accepted.
account-error-name-without-letter = An account name needs at least one letter.
account-error-weak-password = A password needs at least { $min } characters.
account-error-passwords-differ = The two passwords typed differ.
account-error-not-permitted = “{ $action }” is for the { $allowed }; a { $role } may not do it.
account-error-last-administrator = This is the only active administrator and cannot be disabled; add another administrator first.
account-error-not-a-login-role = The county's and province's role is no login; their decisions come from the hub.
account-error-wrong-recovery-code = The recovery code is wrong.
account-error-no-accounts = This database has no accounts yet; create the administrator first (in the window).

action-open-case = Opening a case
action-mark-document = Ticking a received document
action-advance = Moving a case on
action-decide = Deciding at a decision step
action-add-note = Adding a note
action-attach-file = Attaching a file
action-print-receipt = Printing a receipt
action-issue-document = Issuing a document
action-print-document = Printing a document
action-reprint-duplicate = Printing a duplicate
action-revoke-document = Revoking a document
action-record-paper-decision = Recording a decision received by paper letter
action-manage-users = Managing accounts
action-manage-backups = Backing up and restoring
action-manage-sync = Syncing with the province
action-update-catalog = Updating the service catalogue
action-manage-office = Letterhead and printing settings
action-read-cases = Reading cases
action-audit = Checking the whole database

office-act-logged-in = Login
office-act-login-failed = Failed login
office-act-login-throttled = Login while waiting
office-act-account-added = Account added
office-act-account-disabled = Account disabled
office-act-account-enabled = Account enabled
office-act-password-reset = Password set by the administrator
office-act-password-changed = Password changed
office-act-recovery-used = Recovery sheet used
office-act-backed-up = Backup
office-act-restored = Backup restored
office-act-receipt-printed = Receipt printed
office-act-account-carried = Account kept across a restore
office-act-key-exported = District key's sealed copy written
office-act-key-imported = District key taken back from its sealed copy
office-act-synced = Sync

login-user-missing = This command runs under an account: name it with --user (and give the password with --password-file or when asked).
login-password-prompt = Password:
login-new-password-prompt = New password:
login-new-password-again = New password again:
login-password-missing = No password was given: pass --password-file, or run the command in a terminal to be asked.
login-password-file-unreadable = The password file { $path } cannot be read.
login-password-file-open = Others can read the password file { $path }; make it private to you first (chmod 600).

recovery-code-made = The administrator's recovery code: { $code } — print or write it down and keep it somewhere safe; it is not shown again.
recovery-sheet-written = The recovery sheet is written to { $path }; print it, then delete the file.
recover-code-prompt = Recovery code:
recover-done = A new password is set for “{ $name }”, and the old recovery code no longer works.

user-added = The account “{ $name }” is added.
user-disabled = The account “{ $name }” is disabled; what it did stays in its name.
user-enabled = The account “{ $name }” is enabled again.
user-password-reset = A new password is set for “{ $name }”.
user-password-changed = The password of “{ $name }” is changed.
user-state-active = active
user-state-disabled = disabled

gui-first-run-password = Administrator's password (at least 8 characters)
gui-first-run-repeat = The same password again
gui-app-lock = Lock / switch user
gui-login-title = Log in to Bakhshyar — { $district }
gui-login-choose = Choose your account:
gui-login-password = Password
gui-login-submit = Log in
gui-login-first-password = This account has no password yet; set one.
gui-login-new-password = New password (at least 8 characters)
gui-login-repeat = New password again
gui-login-caps-lock = Caps Lock is on.
gui-login-persian-layout = The password has Persian letters; if your password is Latin, switch the keyboard language (Alt+Shift).
gui-login-recovery-open = Administrator's password forgotten? Recover with the sheet
gui-login-recovery-back = Back to login
gui-login-recovery-intro = Type the recovery sheet's code and set the administrator's new password; a new sheet is made afterwards.
gui-login-recovery-code = Recovery code (from the sheet)
gui-login-recover = Recover and set the new password
gui-recovery-title = The administrator's recovery sheet
gui-recovery-intro = If the password of “{ $name }” is forgotten, only this code recovers it:
gui-recovery-keep = Save and print the sheet and keep it locked away; this code is not shown again.
gui-recovery-save = Save the recovery sheet (PDF)…
gui-recovery-continue = Saved; on to the login
gui-recovery-file-name = recovery-sheet
gui-settings-accounts = Accounts
gui-accounts-new = New account
gui-accounts-name = Account name (such as a full name)
gui-accounts-choose-role = Choose the account's role.
gui-accounts-password = Password (at least 8 characters)
gui-accounts-repeat = The same password again
gui-accounts-add = Add the account
gui-accounts-disable = Disable
gui-accounts-enable = Enable
gui-accounts-reset = New password
gui-accounts-reset-for = A new password for “{ $name }”:
gui-accounts-reset-save = Set the new password
gui-settings-idle-lock = Lock the window after this many idle minutes
gui-settings-idle-lock-save = Save
gui-settings-idle-lock-refused = The minutes must be from 1 to 240.

## The district's signing key, in its own file (not in backups)
key-error-missing = This computer has no signing key of district { $district }: documents cannot be issued or batches sent. Take it back from the administrator's sealed copy: bakhshyar key import FILE
key-error-other-district = The signing key on this computer is district { $key }'s, but the data is district { $data }'s. Take district { $data }'s key back from its sealed copy: bakhshyar key import FILE
key-error-conflict = Another signing key of district { $district } is on this computer already; it was not replaced. Ask the province which key is enrolled for the district.
key-error-passphrase-short = The passphrase must have at least { $min } characters.
key-error-wrong-passphrase = The passphrase does not open this copy of the key.
key-error-not-a-copy = The file is not a sealed copy of a district's key.
key-passphrase-new = Passphrase for the key's copy (at least 12 characters; write it down and keep it apart from the copy):
key-passphrase-again = The passphrase again:
key-passphrase-prompt = Passphrase of the key's copy:
key-exported = The district key, sealed with the passphrase, is in { $path }. Keep it, and the passphrase, apart from the backups: with the last backup they bring the district back on a new PC.
key-export-exists = { $path } exists already; nothing was written.
key-import-unreadable = { $path } cannot be read.
key-imported = The signing key of district { $district } is on this computer: documents can be issued and batches sent.
key-already-here = This computer has the signing key of district { $district } already; nothing changed.

## doctor
doctor-level-ok = [ok]
doctor-level-warning = [warning]
doctor-level-problem = [problem]
doctor-detail = { $detail }
doctor-permissions-private = The data folder, the database and the key are readable by their owner only.
doctor-permissions-open = Other users of this computer can read: { $paths }. The program makes them private when it opens the database; check who else logs in here.
doctor-disk-ok = { $free } GB free on the data folder's disk.
doctor-disk-low = Only { $free } GB free on the data folder's disk: below 1 GB a day's work and its backup may not fit. Free some space.
doctor-disk-full = Only { $free } GB free on the data folder's disk: saving is about to fail. Free space now.
doctor-disk-unknown = The free space on the data folder's disk could not be read.
doctor-database-clean = The database passes its audit (check): every case, index and act of the record agrees.
doctor-database-problems = The database's audit found { $count } problems: run bakhshyar check to see them.
doctor-key-here = The district's signing key is on this computer.
doctor-backup-none = No daily backup in backups/ yet: the first case command or window of a day writes one; bakhshyar backup --out FILE writes one now.
doctor-backup-recent = The last backup is { $days } days old: { $path }
doctor-backup-old = The last backup is { $days } days old ({ $path }): nobody has worked here since, or backups fail. Take one now: bakhshyar backup --out FILE
doctor-renderer = The window draws with { $renderer } (ICED_BACKEND=tiny-skia chooses the software renderer) and the built-in Vazirmatn font.
doctor-hub-none = No hub address is set: this district syncs by USB file, or not yet.
doctor-hub-not-trusted = A hub address is set ({ $address }), but no hub key was given: run the sync trust line that enrollment printed.
doctor-hub-unreachable = The hub at { $address } does not answer: { $detail }
doctor-hub-ok = The hub at { $address } answers with the key this district was given.
doctor-hub-other-key = The hub at { $address } answers with another key than the one this district was given: do not sync; call the province.
doctor-clock-ok = This computer's clock and the hub's agree within { $seconds } seconds.
doctor-clock-off = This computer's clock is { $seconds } seconds off the hub's: signed requests and deadlines depend on it. Set the date, time and time zone (Asia/Tehran).
doctor-clock-unknown = The hub did not say its time.
doctor-outbox-empty = No event is waiting to be sent.
doctor-outbox-recent = { $count } events wait to be sent; the oldest for { $days } days.
doctor-outbox-old = { $count } events wait to be sent, the oldest for { $days } days: sync with the hub, or carry a sync export file.
