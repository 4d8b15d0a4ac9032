app-name = بخش‌یار
app-no-display = صفحه نمایشی در دسترس نیست؛ برنامه را در محیط گرافیکی اجرا کنید یا یکی از فرمان‌ها را به کار ببرید (bakhshyar --help).
app-built-without-window = این نسخه از بخش‌یار بدون پنجره ساخته شده است؛ یکی از فرمان‌ها را به کار ببرید (bakhshyar --help).
app-window-failed = پنجره برنامه باز نشد: { $detail }
app-tagline = سامانه خدمات بخشداری

## Offices that act in a workflow
office-applicant = متقاضی
office-district_office = بخشداری
office-county_office = فرمانداری
office-governorate = استانداری
office-ministry = وزارت کشور
office-other_agency = سایر دستگاه‌ها

## Service kinds
kind-exclusive = اختصاصی
kind-general = عمومی
kind-shared = مشترک

## Issued documents
document-permit = مجوز
document-licence = پروانه
document-certificate = گواهی
document-card = کارت
document-introduction_letter = معرفی‌نامه
document-slip = برگه
document-credential = اعتبارنامه

## Node kinds
node-start = شروع
node-task = مرحله
node-decision = تصمیم
node-end = پایان

## Roles
role-clerk = کارشناس
role-district_governor = بخشدار
role-administrator = مدیر سامانه

## Catalogue
catalog-count = { $count } خدمت در فهرست خدمات
catalog-summary = فهرست خدمات نسخه { $version }: { $services } خدمت در { $units } واحد؛ { $transcribed } نمودار از کتابچه و { $generic } گردش کار عمومی
catalog-total-difference = کتابچه { $booklet } خدمت شمرده و جدول‌های آن { $listed } ردیف دارند
catalog-unit-difference = { $unit }: کتابچه { $booklet } خدمت شمرده و جدول آن { $listed } ردیف دارد
catalog-check-ok = فهرست خدمات سالم است.
catalog-check-failed = فهرست خدمات { $count } ایراد دارد و بارگذاری نمی‌شود.
catalog-embedded-broken = فهرست خدمات درون برنامه خراب است و برنامه اجرا نمی‌شود.
catalog-not-found = خدمتی با «{ $query }» یافت نشد.
catalog-field-number = شماره
catalog-field-id = شناسه خدمت
catalog-field-no-id = فاقد شناسه
catalog-field-title = عنوان خدمت
catalog-field-sub-title = عنوان زیرخدمت
catalog-field-unit = واحد
catalog-field-kind = نوع خدمت
catalog-field-has-client = ارباب رجوع
catalog-field-issues = مدرک صادره
catalog-field-documents = مدارک، فرم‌ها و رویه‌های مورد نیاز
catalog-field-notes = یادداشت‌ها
catalog-field-workflow = گردش کار
catalog-workflow-generic = گردش کار عمومی (نمودار این خدمت در کتابچه نیامده است)
catalog-workflow-booklet = برگرفته از نمودار کتابچه
catalog-time-limit = مهلت: { $days } روز
catalog-yes = دارد
catalog-no = ندارد

## Catalogue problems: where
problem-location = { $file }
problem-location-service = { $file }، ردیف { $row }

## Catalogue problems: what
problem-unreadable = خوانده نمی‌شود: { $detail }
problem-syntax = قالب TOML درست نیست: { $detail }
problem-unsupported-format = نسخه قالب { $version } است؛ این برنامه نسخه ۱ را می‌خواند
problem-missing-unit-file = در catalog.toml نام برده شده ولی پرونده‌اش نیست
problem-unlisted-file = در catalog.toml نام برده نشده است
problem-slug-mismatch = نام واحد «{ $slug }» با نام پرونده یکی نیست
problem-duplicate-row = شماره ردیف { $row } دو بار آمده است
problem-malformed-service-id = شناسه خدمت «{ $id }» یازده رقم نیست
problem-duplicate-service-id = شناسه خدمت { $id } در { $other } هم آمده است
problem-empty-text = فیلد { $field } خالی است
problem-not-normalized = فیلد { $field } یکسان‌سازی نشده است (NFC، ی و ک فارسی، یک فاصله)
problem-zero-time-limit = مهلت مرحله { $node } صفر روز است
problem-workflow = گردش کار: { $detail }

## Workflow rules
workflow-start-count = گردش کار باید دقیقاً یک شروع داشته باشد ولی { $count } دارد
workflow-no-end = گردش کار پایان ندارد
workflow-duplicate-node = شناسه مرحله { $node } تکراری است
workflow-unknown-node = پیکانی به مرحله ناموجود { $node } اشاره می‌کند
workflow-unreachable = مرحله { $node } از شروع دست‌یافتنی نیست
workflow-dead-end = مرحله { $node } به هیچ پایانی نمی‌رسد
workflow-decision-branches = تصمیم { $node } دست‌کم دو شاخه خروجی می‌خواهد
workflow-unlabelled-branch = شاخه‌ای از تصمیم { $node } برچسب ندارد
workflow-duplicate-branch = دو شاخه تصمیم { $node } برچسب یکسان دارند
workflow-task-branches = مرحله { $node } بیش از یک خروجی دارد ولی تصمیم نیست
workflow-label-outside-decision = پیکان خروجی { $node } برچسب شاخه دارد ولی { $node } تصمیم نیست
workflow-into-start = به شروع { $node } پیکانی وارد شده است
workflow-out-of-end = از پایان { $node } پیکانی خارج شده است

## Command line
cli-error = خطا: { $detail }
cli-unknown-language = زبان «{ $code }» پشتیبانی نمی‌شود؛ fa یا en

## Catalogue screen
app-switch-language = English
catalog-search-placeholder = جست‌وجو در عنوان خدمت، شناسه یا واحد…
catalog-matches = { $count } خدمت
catalog-nothing-selected = خدمتی انتخاب نشده است.

## Workflow diagrams
diagram-written = نمودار خدمت { $service } در { $path } نوشته شد.
diagram-format-unsupported = قالب «{ $format }» پشتیبانی نمی‌شود: svg یا png یا pdf را بدهید.
diagram-service-missing = یک خدمت (شناسه، شماره یا کلید) نام ببرید، یا --stats را بدهید.
diagram-out-missing = پرونده خروجی را با --out بدهید.
diagram-write-failed = نوشتن { $path } ممکن نشد: { $detail }
diagram-stats-workflows = { $count } نمودار گردش کار چیده شد.
diagram-stats-crossings = مجموع تقاطع یال‌ها: { $count }
diagram-stats-largest = بزرگ‌ترین نمودار: خدمت { $service } ({ $width } × { $height })
diagram-stats-time = زمان چیدن همه نمودارها: { $ms } میلی‌ثانیه
diagram-stats-alternative = بدون کاهش تقاطع‌ها: { $ms } میلی‌ثانیه (چیدن بالا { $ratio } برابر این زمان می‌برد) و { $count } تقاطع

## Store (پایگاه داده)
store-created = پایگاه داده بخش «{ $name }» (کد { $code }) در { $path } ساخته شد.
store-no-data-dir = پوشه داده‌های کاربر پیدا نشد؛ با ‎--data-dir‎ پوشه‌ای بدهید.
store-error-io = خطای خواندن یا نوشتن در { $path }: { $detail }
store-error-database = خطای پایگاه داده: { $detail }
store-error-already-open = پایگاه داده { $path } را برنامه دیگری باز کرده است؛ نخست آن را ببندید.
store-error-newer-schema = این پایگاه داده با نسخه تازه‌تری از بخش‌یار ساخته شده است (نسخه طرح { $found }، این برنامه تا { $supported } را می‌خواند)؛ برنامه را به‌روز کنید. چیزی تغییر نکرد.
store-error-not-bakhshyar = { $path } پایگاه داده بخش‌یار نیست؛ چیزی در آن تغییر نکرد.
store-error-exists = در { $path } از پیش پایگاه داده‌ای هست؛ روی آن چیزی نوشته نشد.
store-error-missing = در { $path } پایگاه داده‌ای نیست؛ نخست «bakhshyar init» را اجرا کنید.
store-error-corrupt = پایگاه داده آسیب دیده است: { $detail }
store-error-unknown-case = پرونده‌ای با کد رهگیری { $code } نیست.
store-error-unknown-service = خدمت «{ $service }» در فهرست خدمات نیست.
store-error-district-code = کد بخش «{ $code }» باید ۱ تا ۴ رقم باشد.
store-error-sequence-exhausted = شماره پرونده‌های امسال به پایان رسیده است.

## Check, backup and restore (بررسی، پشتیبان و بازگردانی)
check-clean = پایگاه داده سالم است: { $cases } پرونده، { $events } رویداد و { $outbox } مورد صف همگام‌سازی بررسی شد.
check-found = { $count } مشکل در پایگاه داده پیدا شد:
check-problem-undecodable = پرونده { $code }: یک رکورد ذخیره‌شده خوانده نمی‌شود ({ $detail }).
check-problem-projection = پرونده { $code }: پرونده ذخیره‌شده با سابقه‌اش نمی‌خواند ({ $detail }).
check-problem-key-mismatch = پرونده { $code }: زیر کد رهگیری دیگری ذخیره شده است ({ $detail }).
check-problem-index-stale = پرونده { $code }: یک مدخل نمایه جستجو کهنه است ({ $detail }).
check-problem-index-missing = پرونده { $code }: یک مدخل نمایه جستجو نیست ({ $detail }).
check-problem-orphan-event = پرونده { $code }: رویدادهایی بی‌پرونده ({ $detail }).
check-problem-outbox = مورد { $code } صف همگام‌سازی خوانده نمی‌شود ({ $detail }).
check-problem-integrity = بررسی درستی خود redb روی فایل ناموفق بود ({ $detail }).
backup-written = نسخه پشتیبان در { $path } نوشته شد.
backup-restored = پایگاه داده از { $file } بازگردانده شد.
backup-kept-old = پایگاه داده پیشین در { $path } نگه داشته شد.
backup-daily-failed = پشتیبان روزانه نوشته نشد: { $detail }
backup-error-missing = فایل پشتیبان { $path } نیست.
backup-error-damaged = فایل پشتیبان { $path } { $count } مشکل دارد («bakhshyar check» را ببینید)؛ چیزی بازگردانده نشد.

## Cases (پرونده)
case-created = پرونده تشکیل شد. کد رهگیری: { $code }
case-advanced = پرونده { $code } به مرحله «{ $step }» رفت.
case-closed-now = پرونده بسته شد.
case-field-tracking = کد رهگیری: { $code }
case-field-service = خدمت: { $service }
case-field-applicant = متقاضی: { $name } — شناسه { $id }
case-field-phone = تلفن: { $phone }
case-field-status = وضعیت: { $status }
case-field-step = مرحله کنونی: { $step }
case-field-opened = تاریخ تشکیل: { $date }
case-field-checklist = مدارک:
case-field-history = سابقه:
case-document-received = دریافت شد
case-document-missing = دریافت نشده
case-status-open = باز
case-status-closed = بسته
case-event-opened = تشکیل پرونده
case-event-advanced = از «{ $from }» به «{ $to }»
case-event-decided = از «{ $from }» به «{ $to }» با تصمیم «{ $branch }»
case-event-document = مدرک { $item }: { $state }
case-event-note = یادداشت
case-event-file = پیوست { $file }
case-event-line = { $sequence }. { $date } — { $actor }: { $what }
case-event-note-line = یادداشت: { $note }
case-search-count = { $count } پرونده یافت شد.
case-search-row = { $code }  { $date }  { $name }  { $status }  { $step }
case-error-closed = این پرونده بسته است و تغییر نمی‌کند.
case-error-no-such-step = نمودار گردش کار این خدمت مرحله‌ای با شناسه «{ $step }» ندارد.
case-error-no-transition = از مرحله «{ $from }» راهی به «{ $to }» نیست.
case-error-branch-required = مرحله «{ $step }» تصمیم است: با ‎--decision‎ شاخه را بگویید.
case-error-wrong-branch = تصمیم «{ $step }» شاخه «{ $label }» به «{ $to }» ندارد.
case-error-branch-not-expected = مرحله «{ $step }» تصمیم نیست و شاخه نمی‌گیرد.
case-error-not-permitted = { $role } اجازه این کار را ندارد.
case-error-no-checklist-item = مدرک شماره { $item } در فهرست مدارک نیست.
case-error-empty-note = یادداشت خالی است.
case-error-history = سابقه پرونده نادرست است: { $detail }
case-error-bad-tracking-code = «{ $code }» کد رهگیری درستی نیست؛ کد رهگیری ۱۳ رقم است.
case-error-national-id-length = کد ملی باید ۱۰ رقم باشد (شناسه ملی اشخاص حقوقی ۱۱ رقم).
case-error-national-id-checksum = رقم کنترل کد ملی درست نیست.
case-error-legal-entity-id-length = شناسه ملی اشخاص حقوقی باید ۱۱ رقم باشد.
case-error-legal-entity-id-checksum = رقم کنترل شناسه ملی درست نیست.
case-error-name-missing = نام متقاضی خالی است.
case-error-phone-invalid = شماره تلفن درست نیست.

# The case store: search dates, checklist, notes, attachments, import, storage errors
case-error-bad-date = «{ $date }» تاریخ درستی نیست؛ تاریخ خورشیدی را مانند ۱۴۰۵/۰۱/۱۵ بنویسید.
check-problem-counter = شمارنده کد رهگیری سال { $code } از بزرگ‌ترین شماره به‌کاررفته بالاتر نیست؛ پرونده بعدی کد تکراری می‌گیرد ({ $detail }).
case-document-marked = مدرک { $item } پرونده { $code }: { $state }.
case-note-added = یادداشت به پرونده { $code } افزوده شد.
case-file-attached = فایل «{ $file }» به پرونده { $code } پیوست شد.
case-error-document-number = { $count ->
    [0] پرونده { $code } فهرست مدارکی ندارد.
   *[other] «{ $number }» شماره مدرکی از پرونده { $code } نیست؛ شماره مدارک این پرونده از ۱ تا { $count } است.
}
case-import-line-failed = سطر { $line } ثبت نشد: { $reason }
case-import-stopped = ورود پرونده‌ها در سطر { $line } متوقف شد: { $reason }
case-import-done = { $opened } پرونده ثبت شد و { $failed } سطر نادرست کنار گذاشته شد.
case-import-bad-json = سطر یک شیء JSON درست با service، national_id یا legal_entity_id، name و phone نیست ({ $detail }).
case-import-identity = یکی و فقط یکی از national_id (کد ملی) یا legal_entity_id (شناسه ملی) را بدهید.
store-error-no-space = جای خالی دیسک تمام شده است (یا فایل بیش از این بزرگ نمی‌شود)؛ این تغییر ذخیره نشد و پرونده‌های پیشین سالم‌اند. جا باز کنید و دوباره بکوشید.
store-error-read-only = در { $path } نمی‌توان نوشت: پوشه یا فایل فقط‌خواندنی است یا اجازه نوشتن نیست. چیزی تغییر نکرد.
## Issued documents and printing (issue 6)
check-problem-serial-gap = شماره‌های سریال پیوسته نیستند: { $detail }
check-problem-serial-mismatch = شماره‌های سریال با رویدادهای صدور نمی‌خوانند: { $detail }
issue-error-issues-no-document = این خدمت مدرکی صادر نمی‌کند.
issue-error-not-at-issuing-step = پرونده در مرحله‌ی «{ $step }» است که مرحله‌ی صدور مدرک نیست؛ نخست آن را به مرحله‌ی صدور ببرید.
issue-error-already-issued = مدرک { $serial } برای این پرونده صادر شده است؛ برای اصلاح، مدرک تازه‌ای به جای آن صادر کنید (--supersedes).
issue-error-no-document = این پرونده مدرک صادرشده‌ای ندارد؛ نخست آن را با «bakhshyar case issue» صادر کنید.
issue-error-unknown-serial = این پرونده مدرکی با شماره‌ی { $serial } ندارد.
issue-error-revoked = مدرک { $serial } ابطال شده است.
issue-error-superseded = مدرک { $serial } با مدرک { $newer } جایگزین شده است.
issue-error-duplicate-required = اصل مدرک { $serial } پیش‌تر چاپ شده است؛ نسخه‌ی دیگر المثنی است: --duplicate بدهید (فقط بخشدار).
issue-error-empty-reason = ابطال مدرک به دلیل نیاز دارد.
print-document-permit = مجوز
print-document-licence = پروانه
print-document-certificate = گواهی
print-document-card = کارت
print-document-introduction-letter = معرفی‌نامه
print-document-slip = برگه
print-document-credential = اعتبارنامه
print-header-province = استان { $name }
print-header-county = شهرستان { $name }
print-header-district = بخشداری { $name }
print-header-date = تاریخ { $date }
print-steps-title = مراحل پیش رو
print-step-with-limit = { $step } (حداکثر { $days } روز)
print-verify-title = استعلام اصالت
print-verify-hint = برای استعلام، کد QR را بخوانید یا این کد را به بخشداری بدهید.
print-error-font = قلم درونی برنامه به کار نرفت: { $detail }
print-error-template = خطای قالب: { $detail }
print-error-emblem = نشان اداره در پرونده‌ی { $path } چاپ‌شدنی نیست: { $detail }
case-event-issued = مدرک { $serial } صادر شد
case-event-printed = مدرک { $serial } چاپ شد، نسخه‌ی { $copy }
case-event-revoked = مدرک { $serial } ابطال شد: { $reason }
issue-done = { $kind } با شماره‌ی { $serial } برای پرونده‌ی { $code } صادر شد.
issue-error-bad-serial = «{ $serial }» شماره‌ی سریال نیست؛ نمونه: 1405-000012.
revoke-done = مدرک { $serial } ابطال شد.
print-done = { $path } نوشته شد (مدرک { $serial }، نسخه‌ی { $copy }).
print-receipt-done = رسید پرونده‌ی { $code } در { $path } نوشته شد.
print-error-write = نوشتن { $path } ممکن نشد: { $detail }
verify-unreadable = «{ $code }» کد استعلام نیست.
verify-other-district = این کد از بخش { $district } است؛ تنها همان بخش (و پس از راه‌اندازی همگام‌سازی، مرکز استان) می‌تواند درباره‌ی آن پاسخ دهد.
verify-unknown = ناشناخته: این بخش مدرکی با شماره‌ی { $serial } صادر نکرده است؛ ممکن است کد جعلی باشد.
verify-forged = جعلی: امضا با مدرک { $serial } نمی‌خواند.
verify-revoked = ابطال‌شده: مدرک { $serial } در { $date } ابطال شد: { $reason }
verify-superseded = جایگزین‌شده: مدرک { $serial } با مدرک { $newer } جایگزین شد.
verify-genuine = معتبر: { $kind } شماره‌ی { $serial }، صادرشده در { $date } برای { $applicant } (پرونده‌ی { $code }).
# Sync with the province hub (district side)
sync-identity = بخش { $code }؛ کلید عمومی:
sync-trusted = مرکز استان «{ $hub }» به‌عنوان مرکز همگام‌سازی ثبت شد.
sync-pushed = { $batches } دسته فرستاده شد؛ مرکز استان تا رویداد { $held } را دارد.
sync-pulled = { $decisions } تصمیم از مرکز استان اعمال شد؛ مرکز استان تا رویداد { $held } را دارد.
sync-imported = { $decisions } تصمیم از پرونده مرکز استان اعمال شد.
sync-recovered = { $count } رویداد این بخش که پس از بازگردانی پشتیبان از دست رفته بود از مرکز استان بازگردانده شد.
sync-quarantined = دسته‌ای کنار گذاشته شد: { $reason }
sync-status = در صف ارسال: { $pending }؛ تأییدشده تا: { $acked }؛ آخرین تماس: { $contact }
sync-never = هرگز
sync-exported = { $batches } دسته در { $path } نوشته شد.
sync-error-file = پرونده { $path } خوانده یا نوشته نشد: { $detail }
sync-error-unreachable = مرکز استان در دسترس نیست ({ $detail })؛ چیزی از صف ارسال حذف نشد و بعداً دوباره تلاش کنید.
sync-error-refused = مرکز استان دسته را نپذیرفت ({ $reason }): { $detail }
sync-error-batch = دسته پذیرفته نشد ({ $reason }): { $detail }؛ چیزی از آن اعمال نشد.
sync-error-hub-key = کلید مرکز استان با کلیدی که این بخش می‌شناسد یکی نیست؛ همگام‌سازی انجام نشد.
sync-error-no-hub = هنوز مرکز استانی شناخته نشده است؛ یک بار از راه شبکه همگام کنید یا «bakhshyar sync trust» را اجرا کنید.

# The province hub (bakhshyar-hub)
hub-created = مرکز استان «{ $id }» ساخته شد؛ کلید عمومی: { $key }
hub-enrolled = بخش { $district } ثبت شد.
hub-re-enrolled = کلید تازه بخش { $district } ثبت شد (ثبت شماره { $count }).
hub-listening = مرکز استان روی { $address } گوش می‌دهد.
hub-stats-line = بخش { $district }: { $held } رویداد، آخرین شماره { $last }، آخرین تماس { $contact }
hub-import-held = دسته پذیرفته شد؛ تا رویداد { $held } نگهداری می‌شود.
hub-exported = پرونده پاسخ در { $path } نوشته شد.
hub-decided = تصمیم درباره پرونده { $case } برای بخش { $district } ثبت شد.
hub-error = خطا: { $detail }
hub-no-data-dir = پوشه داده‌های مرکز استان را با --data-dir بدهید.
## The window's screens (gui-<screen>-…)
gui-app-loading = در حال بارگذاری…
gui-app-opening = در حال باز کردن پایگاه داده…
gui-app-cancel = انصراف
gui-app-previous = قبلی
gui-app-next = بعدی
gui-app-retry = دوباره باز کن
gui-app-dismiss = بستن
gui-app-key-new = Ctrl+N: پرونده جدید
gui-app-key-search = Ctrl+F: جست‌وجو
gui-app-key-cancel = Esc: انصراف
gui-app-nav-counter = پیشخوان
gui-app-nav-new-case = پرونده جدید
gui-app-nav-catalog = فهرست خدمات
gui-app-nav-settings = تنظیمات
gui-app-nav-sync = همگام‌سازی
gui-first-run-title = راه‌اندازی بخش‌یار
gui-first-run-intro = این اطلاعات یک بار وارد می‌شود؛ پس از آن مستقیم سر کار می‌روید.
gui-first-run-district-name = نام بخش
gui-first-run-district-code = کد بخش (تا چهار رقم)
gui-first-run-user-name = نام و نام خانوادگی کاربر
gui-first-run-role = نقش کاربر
gui-first-run-data-dir = پوشه داده‌ها
gui-first-run-submit = ساختن پایگاه داده و شروع کار
gui-first-run-required = این خانه را پر کنید.
gui-counter-search-placeholder = جست‌وجو با کد رهگیری، کد ملی یا نام…
gui-counter-results = { $count } پرونده یافت شد
gui-counter-none = پرونده‌ای نیست.
gui-counter-today = پرونده‌های امروز: { $count }
gui-counter-mine = در انتظار اقدام من: { $count }
gui-counter-overdue = گذشته از مهلت: { $count }
gui-counter-upstream = در انتظار فرمانداری یا استانداری: { $count }
gui-counter-sampled = شمارش‌ها از میان { $count } پرونده تازه‌تر است.
gui-counter-chart-weeks = پرونده‌ها در هر هفته (آغاز هفته)
gui-counter-chart-services = پرتقاضاترین خدمات در { $count } پرونده تازه‌تر
gui-new-case-service = خدمت
gui-new-case-service-placeholder = بخشی از عنوان یا شناسه خدمت…
gui-new-case-pick-service = یک خدمت را انتخاب کنید.
gui-new-case-no-service = هنوز خدمتی انتخاب نشده است.
gui-new-case-documents = مدارک دریافت‌شده
gui-new-case-applicant = متقاضی
gui-new-case-person = شخص حقیقی
gui-new-case-organisation = شخص حقوقی
gui-new-case-national-id = کد ملی
gui-new-case-legal-entity-id = شناسه ملی
gui-new-case-name = نام
gui-new-case-phone = تلفن (اختیاری)
gui-new-case-save = ثبت پرونده
gui-new-case-keys = Enter ثبت · Esc انصراف
gui-new-case-saved = پرونده ثبت شد. کد رهگیری:
gui-new-case-open = دیدن پرونده
gui-new-case-another = پرونده جدید دیگر
gui-case-service = خدمت
gui-case-phone = تلفن
gui-case-status = وضعیت
gui-case-opened = تاریخ تشکیل
gui-case-open = باز
gui-case-closed = بسته
gui-case-checklist = مدارک
gui-case-actions = اقدام‌ها
gui-case-history = سابقه
gui-case-advance = ارجاع به: { $step }
gui-case-decide = { $branch } ← { $step }
gui-case-note-placeholder = یادداشت…
gui-case-add-note = افزودن یادداشت
gui-case-no-actions = اکنون اقدامی برای نقش شما نیست.
gui-case-event-opened = تشکیل پرونده
gui-case-event-received = دریافت مدرک { $item }
gui-case-event-not-received = برداشتن تیک مدرک { $item }
gui-case-event-advanced = ارجاع به «{ $step }»
gui-case-event-decided = تصمیم «{ $branch }»، ارجاع به «{ $step }»
gui-case-event-note = یادداشت
gui-case-event-file = پیوست پرونده { $file }
gui-settings-language = زبان
gui-settings-language-fa = فارسی
gui-settings-language-en = English
gui-settings-data-dir = پوشه داده‌ها
gui-settings-backups = پشتیبان‌ها
gui-settings-backups-not-permitted = پشتیبان‌گیری و بازگردانی با مدیر سامانه است.
gui-settings-backup-now = پشتیبان‌گیری اکنون…
gui-settings-backup-saved = پشتیبان ذخیره شد: { $path }
gui-settings-automatic = پشتیبان‌های خودکار روزانه: { $count }
gui-settings-restore = بازگردانی
gui-settings-restore-confirm = پایگاه داده کنونی کنار گذاشته و { $path } جای آن می‌نشیند. ادامه می‌دهید؟
gui-settings-restore-yes = بله، بازگردانی شود
gui-sync-title = همگام‌سازی با مرکز استان
gui-sync-pending = رویدادهای در صف ارسال: { $count }
gui-sync-last-contact-never = آخرین تماس با مرکز: هرگز
gui-sync-not-yet = موتور همگام‌سازی هنوز به این نسخه افزوده نشده است؛ رویدادها در صف می‌مانند.
