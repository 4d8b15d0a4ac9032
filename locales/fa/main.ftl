app-name = بخش‌یار
app-no-display = صفحه نمایشی در دسترس نیست؛ برنامه را در محیط گرافیکی اجرا کنید یا یکی از فرمان‌ها را به کار ببرید (bakhshyar --help).
app-crashed = پنجره به سبب خطایی در برنامه بسته شد. گزارش آن در { $path } نوشته شد؛ آن را برای مسئول فناوری اطلاعات بفرستید. هیچ داده‌ای از دست نرفت: هر کار همان هنگام که انجام می‌شود ذخیره می‌شود.
gui-app-crash-report = برنامه بار پیش ناگهان بسته شد. گزارش آن در { $path } است؛ آن را برای مسئول فناوری اطلاعات بفرستید. هیچ داده‌ای از دست نرفت: هر کار همان هنگام که انجام می‌شود ذخیره می‌شود.
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
document-decree = حکم
document-approval = موافقت‌نامه
document-official_letter = نامه
document-registration_record = رسید ثبت‌نام

## Node kinds
node-start = شروع
node-task = مرحله
node-decision = تصمیم
node-end = پایان

## Roles
role-clerk = کارشناس
role-district_governor = بخشدار
role-administrator = مدیر سامانه
role-province = فرمانداری یا استانداری

## Catalogue
catalog-count = { $count } خدمت در فهرست خدمات
catalog-summary = فهرست خدمات نسخه { $version }: { $services } خدمت در { $units } واحد؛ { $transcribed } نمودار از کتابچه و { $generic } گردش کار عمومی
catalog-booklet-count = کتابچه { $booklet } خدمت شمرده است؛ { $listed } خدمت در فهرست آمده و { $absent } خدمت نیامده است
catalog-absent = { $unit }، ردیف { $row }: نیامده است، چون { $reason } — { $note }
catalog-absent-reason-no-trace = جدول فهرست پیش از این ردیف تمام می‌شود و در کتابچه هیچ عنوان، فهرست مدارک یا نموداری نمانده که از آن باشد
catalog-unit-difference = { $unit }: کتابچه { $booklet } خدمت شمرده ولی { $listed } خدمت در فهرست آمده و { $absent } خدمت نیامده با دلیل نام برده شده است
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
catalog-unknown = نامعلوم (ردیف این خدمت در جدول کتابچه چاپ نشده است)

## Catalogue problems: where
problem-location = { $file }
problem-location-service = { $file }، ردیف { $row }

## Catalogue problems: what
problem-unreadable = خوانده نمی‌شود: { $detail }
problem-syntax = قالب TOML درست نیست: { $detail }
problem-unsupported-format = نسخه قالب { $version } است؛ این برنامه نسخه‌های ۱ و ۲ را می‌خواند
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
problem-missing-field = فیلد { $field } نیامده است؛ فقط خدمتی که پس از ویراست نخست افزوده شده (با catalog_number خودش) می‌تواند آن را نیاورد
problem-absent-row-listed = ردیف { $row } هم در خدمت‌ها آمده و هم در خدمت‌های نیامده
problem-duplicate-catalog-number = شماره‌ی { $number } در فهرست خدمات دو بار به کار رفته است
problem-catalog-number-gap = شماره‌های فهرست خدمات { $number } را جا انداخته‌اند؛ باید از ۱ بی‌فاصله پیش بروند

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
workflow-inferred-without-label = پیکانی خارج از { $node } افزوده (inferred) نشان خورده ولی برچسب شاخه ندارد

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
store-made-private = هشدار: { $path } برای دیگر کاربران این رایانه خواندنی بود؛ اکنون تنها برای شما خواندنی است (داده‌ی شهروندان و کلید بخش در آن است).
store-migrated = این پایگاه داده را نسخه‌ی پیشین برنامه نوشته بود (طرح { $from }) و به‌روز شد؛ پرونده‌ی پیشین بی‌تغییر با نام { $copy } نگه داشته شده است.
cli-not-a-file = «{ $path }» نه فرمان است و نه پرونده. فهرست فرمان‌ها: ‎bakhshyar --help‎
store-user-adopted = کاربر پیشین این پوشه («{ $name }») اکنون یک حساب است و نخست باید گذرواژه بگذارد: در پنجره‌ی ورود، یا با ‎bakhshyar user password --user NAME‎. مدیر سامانه هم باید ساخته شود: ‎bakhshyar user add NAME --role administrator‎.
store-legacy-log-replayed = { $count ->
    [0] پرونده‌ی جانبی «bakhshyar.redb-wal» از نسخه‌ی پیشین برنامه چیزی جز آنچه در پایگاه داده بود نداشت و پاک شد.
   *[other] این پوشه را نسخه‌ی پیشین برنامه نوشته بود و { $count } ثبت آخرش تنها در پرونده‌ی جانبی «bakhshyar.redb-wal» بود؛ همه به پایگاه داده افزوده شد و پرونده‌ی جانبی پاک شد. چیزی از دست نرفت.
}
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
backup-error-other-district = این پشتیبان از بخش { $backup } است و پایگاه داده‌ی این رایانه از بخش { $current }؛ بازگردانده نشد. اگر این رایانه از این پس کار بخش { $backup } را می‌کند، با «--as-district { $backup }» آن را صریحاً بخواهید.

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
case-event-paper = (طبق نامه‌ی کاغذی شماره‌ی { $number } مورخ { $date })
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
case-error-no-checklist-item = مدرک شماره { $item } در فهرست مدارک نیست.
case-error-empty-note = یادداشت خالی است.
case-error-text-too-long = { $field ->
        [override] دلیل صدور با مدارک ناقص
        [reason] دلیل ابطال
        [conditions] شرایط مدرک
       *[note] یادداشت
    } { $length } نویسه دارد؛ بیش از { $max } نویسه پذیرفته نمی‌شود.
case-error-text-control-character = { $field ->
        [override] دلیل صدور با مدارک ناقص
        [reason] دلیل ابطال
        [conditions] شرایط مدرک
       *[note] یادداشت
    } نویسه‌ی کنترلی { $char } دارد که پذیرفته نمی‌شود.
case-error-text-bidi-control = { $field ->
        [override] دلیل صدور با مدارک ناقص
        [reason] دلیل ابطال
        [conditions] شرایط مدرک
       *[note] یادداشت
    } نویسه‌ی پنهان جهت‌دهی { $char } دارد که ترتیب نمایش متن را جابه‌جا می‌کند؛ پذیرفته نمی‌شود.
case-error-history = سابقه پرونده نادرست است: { $detail }
case-error-bad-tracking-code = «{ $code }» کد رهگیری درستی نیست؛ کد رهگیری ۱۳ رقم است.
case-error-national-id-length = کد ملی باید ۱۰ رقم باشد (شناسه ملی اشخاص حقوقی ۱۱ رقم).
case-error-national-id-checksum = رقم کنترل کد ملی درست نیست.
case-error-legal-entity-id-length = شناسه ملی اشخاص حقوقی باید ۱۱ رقم باشد.
case-error-legal-entity-id-checksum = رقم کنترل شناسه ملی درست نیست.
case-error-name-missing = نام متقاضی خالی است.
case-error-name-too-long = نام متقاضی { $length } نویسه دارد؛ بیش از { $max } نویسه پذیرفته نمی‌شود.
case-error-name-control-character = نام متقاضی نویسه‌ی کنترلی { $char } دارد که در نام پذیرفته نمی‌شود.
case-error-name-bidi-control = نام متقاضی نویسه‌ی پنهان جهت‌دهی { $char } دارد که ترتیب نمایش نام را جابه‌جا می‌کند؛ پذیرفته نمی‌شود.
case-error-name-without-letter = نام متقاضی هیچ حرفی ندارد؛ نامی که فقط از فاصله، رقم، نشانه یا نویسه‌های نادیدنی ساخته شده باشد پذیرفته نمی‌شود.
case-error-phone-invalid = شماره تلفن درست نیست.
case-error-foreign-code-length = کد یکتای اتباع باید ۱۲ رقم باشد.
case-error-foreign-code-placeholder = کد یکتای اتباع نمی‌تواند یک رقم تکراری باشد؛ کد روی مدرک اقامتی را وارد کنید.
case-error-passport-invalid = شماره‌ی گذرنامه باید ۵ تا ۹ حرف لاتین و رقم، با دست‌کم یک رقم، باشد.
case-error-letter-number-missing = شماره‌ی نامه‌ی درخواست لازم است.
case-error-letter-number-invalid = شماره‌ی نامه باید دست‌کم یک رقم داشته باشد، حداکثر { $max } نویسه، بی «|» و نویسه‌ی کنترلی.
case-error-citizen-on-internal-service = خدمت { $service } درون‌سازمانی است: درخواست‌کننده‌ی آن دفتر یا مقامی است با شماره و تاریخ نامه، نه شهروند.
case-error-office-on-client-service = خدمت { $service } برای ارباب رجوع است: با نامه‌ی یک دفتر باز نمی‌شود؛ متقاضی را با کد ملی، شناسه‌ی ملی، کد یکتای اتباع یا گذرنامه ثبت کنید.

# The case store: search dates, checklist, notes, attachments, import, storage errors
case-error-bad-date = «{ $date }» تاریخ درستی نیست؛ تاریخ خورشیدی را مانند ۱۴۰۵/۰۱/۱۵ بنویسید.
case-error-few-digits = «{ $digits }» را نمی‌توان جست: دست‌کم { $min } رقم از کد رهگیری یا شناسه‌ی متقاضی بنویسید.
check-problem-counter = شمارنده کد رهگیری سال { $code } از بزرگ‌ترین شماره به‌کاررفته بالاتر نیست؛ پرونده بعدی کد تکراری می‌گیرد ({ $detail }).
check-problem-missing-table = جدول { $code } در پایگاه داده نیست ({ $detail }).
check-problem-chain-broken = زنجیره‌ی ثبت‌ها گسسته است؛ ثبتی از گذشته ویرایش، پاک یا جابه‌جا شده است (پرونده‌ی { $code }): { $detail }
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
case-import-identity = یکی و فقط یکی از national_id (کد ملی)، legal_entity_id (شناسه ملی)، foreign_code (کد یکتای اتباع) یا passport (گذرنامه) را بدهید، یا برای یک دفتر letter_number (شماره‌ی نامه) را با letter_date (تاریخ نامه).
case-import-line-too-long = سطر بلندتر از { $max } کیلوبایت است و خوانده نشد.
store-error-no-space = جای خالی دیسک تمام شده است (یا فایل بیش از این بزرگ نمی‌شود)؛ این تغییر ذخیره نشد و پرونده‌های پیشین سالم‌اند. جا باز کنید و دوباره بکوشید.
store-error-read-only = در { $path } نمی‌توان نوشت: پوشه یا فایل فقط‌خواندنی است یا اجازه نوشتن نیست. چیزی تغییر نکرد.
## Issued documents and printing (issue 6)
check-problem-serial-gap = شماره‌های سریال پیوسته نیستند: { $detail }
check-problem-account-mismatch = حساب «{ $code }» با کارهای ثبت‌شده روی آن نمی‌خواند (دستی در پرونده نوشته شده است؟): { $detail }
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
case-error-same-catalog = پرونده هم‌اکنون بر نسخه‌ی { $version } فهرست خدمات است.
case-error-not-in-catalog = نسخه‌ی { $version } فهرست خدمات خدمت این پرونده یا مرحله‌ی { $step } آن را ندارد؛ پرونده بر نسخه‌ی خود می‌ماند.
case-error-upstream-step = مرحله‌ی { $step } با { $office } است: تصمیم آن با امضای استان از همگام‌سازی می‌رسد، یا بخشدار نامه‌ی کاغذی آن را با شماره و تاریخ نامه ثبت می‌کند.
case-error-not-upstream-step = مرحله‌ی { $step } با خود بخشداری است؛ برای آن نامه‌ای از فرمانداری یا استانداری ثبت نمی‌شود.
case-error-empty-letter-number = برای ثبت تصمیمی که با نامه‌ی کاغذی رسیده، شماره‌ی نامه لازم است.
case-error-documents-missing = { $missing } مدرک از { $total } مدرک لازم دریافت نشده است؛ بخشدار تنها با ذکر دلیل صادر می‌کند و آن دلیل در سابقه و فهرست استثناهای پیشخوان ثبت می‌شود.
print-document-permit = مجوز
print-document-licence = پروانه
print-document-certificate = گواهی
print-document-card = کارت
print-document-introduction-letter = معرفی‌نامه
print-document-slip = برگه
print-document-credential = اعتبارنامه
print-document-decree = حکم
print-document-approval = موافقت‌نامه
print-document-official-letter = نامه
print-document-registration-record = رسید ثبت‌نام
# The letterhead of Iranian official correspondence: the invocation, then under the emblem the
# issuing office's whole line from the country down.
print-header-invocation = بسمه‌تعالی
print-header-republic = جمهوری اسلامی ایران
print-header-ministry = وزارت کشور
print-header-governorate = استانداری { $name }
print-header-county-office = فرمانداری { $name }
print-header-attachment = پیوست
print-header-attachment-none = ندارد
print-validity-open = تا زمانی که ابطال نشده است
print-validity-until = تا { $date }
print-documents-title = مدارک و مبنای قانونی
print-error-office-incomplete = سربرگ اداره کامل نیست: { $missing } نوشته نشده است. پیش از چاپ، آن را در تنظیمات برنامه (بخش چاپ) یا در فایل { $path } بنویسید (‎county = …‎ و ‎province = …‎).
print-office-missing-county = نام شهرستان
print-office-missing-province = نام استان
print-office-missing-both = نام شهرستان و استان
# Who the applicant is, in a document's sentence after the name; $date is an office's letter's date.
print-applicant-identity = { $kind ->
    [organisation] به شناسه‌ی ملی { $id }
    [foreign-national] به کد یکتای اتباع { $id }
    [passport] به شماره‌ی گذرنامه‌ی { $id }
    [office] (نامه‌ی شماره‌ی { $id } مورخ { $date })
   *[person] به کد ملی { $id }
}
# The applicant's identifier alone, as a field's value (the receipt).
print-identity = { $kind ->
    [organisation] شناسه‌ی ملی { $id }
    [foreign-national] کد یکتای اتباع { $id }
    [passport] گذرنامه‌ی شماره‌ی { $id }
    [office] نامه‌ی شماره‌ی { $id } مورخ { $date }
   *[person] کد ملی { $id }
}
print-header-district = بخشداری { $name }
print-header-date = تاریخ
print-header-number = شماره
print-steps-title = مراحل پیش رو
print-step-with-limit = { $step } (حداکثر { $days } روز)
print-verify-title = استعلام اصالت
print-verify-hint = برای استعلام، کد QR را بخوانید یا این کد را به بخشداری بدهید.
print-error-font = قلم درونی برنامه خوانده یا زیرمجموعه‌سازی نشد.
print-error-template-line = قالب { $path }، سطر { $line }: { $detail }
print-error-template-unreadable = پرونده‌ی قالب { $path } خواندنی نیست.
print-error-template-unknown = قالب درونی { $name } وجود ندارد.
print-template-needs-text = پس از «{ $text }» متنی لازم است
print-template-paper = کاغذ «{ $text }» نه A4 است نه A5
print-template-field-without-bar = سطر field باید به شکل «عنوان | مقدار» باشد
print-template-not-points = «{ $text }» عددی به پوینت نیست
print-template-unknown-directive = دستور «{ $text }» شناخته نیست
print-template-unclosed = یک «{"{"}» بسته نشده است
print-template-unknown-field = فیلد {"{"}{ $text }{"}"} شناخته نیست؛ فیلدهای شناخته: { $known }
print-error-emblem = نشان اداره در پرونده‌ی { $path } چاپ‌شدنی نیست: { $detail }
print-error-office-unreadable = فایل تنظیمات اداره ({ $path }) خوانده نشد.
print-error-office-unwritable = فایل تنظیمات اداره ({ $path }) نوشته نشد؛ فایل پیشین دست نخورده است.
print-error-office-broken = فایل تنظیمات اداره ({ $path }) در سطر { $line } خراب است؛ آن را درست کنید یا بردارید.
print-error-office-paper = در فایل تنظیمات اداره ({ $path })، { $key } = «{ $value }» کاغذی نیست که برنامه روی آن چاپ کند (A4 یا A5).
print-emblem-missing = چنین پرونده‌ای نیست
print-emblem-unreadable = پرونده خواندنی نیست
print-emblem-not-an-image = تصویر PNG یا JPEG نیست
print-emblem-broken-jpeg = پرونده‌ی JPEG آسیب دیده است
print-emblem-broken-png = پرونده‌ی PNG آسیب دیده است
recovery-sheet-title = برگه بازیابی گذرواژه مدیر سامانه
recovery-sheet-district = بخشداری
recovery-sheet-district-code = کد بخشداری
recovery-sheet-administrator = حساب مدیر
recovery-sheet-made-on = تاریخ تهیه
recovery-sheet-code = کد بازیابی
recovery-sheet-keep = این برگه را مانند کلید گاوصندوق در جایی قفل‌دار نگه دارید.
recovery-sheet-anyone = هر کس این برگه را در دست داشته باشد می‌تواند حساب مدیر سامانه را به دست بگیرد.
recovery-sheet-use = برای به‌کار بردن آن در صفحه‌ی ورود برنامه «بازیابی با برگه» را بزنید یا در خط فرمان بنویسید:
recovery-sheet-command = bakhshyar recover --admin NAME --recovery-code-file FILE --new-password-file FILE
recovery-sheet-after = این برگه یک بار کار می‌کند؛ پس از به‌کار رفتنش برگه‌ی تازه‌ای ساخته می‌شود و این برگه دیگر کار نمی‌کند.
recovery-sheet-error-code = کد بازیابی چاپ‌شدنی نیست: باید از حروف و ارقام لاتین باشد و در یک کد QR جا شود.
# The province hub's enrolment sheet (bakhshyar-hub enroll --sheet): carried to the district by hand
enrollment-sheet-title = برگه ثبت بخش در مرکز استان
enrollment-sheet-hub = مرکز استان
enrollment-sheet-district-code = کد بخش
enrollment-sheet-made-on = تاریخ تهیه
enrollment-sheet-hub-fingerprint = اثرانگشت کلید مرکز استان
enrollment-sheet-district-fingerprint = اثرانگشت کلید بخش
enrollment-sheet-command = برای اجرا در بخش (یا خواندن کد QR زیر)
enrollment-sheet-carry = این برگه را دست‌به‌دست به بخش ببرید: بخش کلید مرکز استان را تنها از همین برگه می‌گیرد.
enrollment-sheet-check = در بخش سطر بالا را اجرا کنید و ببینید اثرانگشتی که چاپ می‌کند همان اثرانگشت کلید مرکز استان در این برگه است و اثرانگشت کلید بخش همانی است که sync identity نشان می‌دهد.
enrollment-sheet-network = کلید مرکز استان را هرگز از شبکه (رایانامه، پیام‌رسان، وبگاه) نگیرید: کلیدی که اثرانگشتش با این برگه یکی نیست از آنِ استان نیست.
enrollment-sheet-error-line = برگه‌ی ثبت بخش ساخته نشد: شناسه‌ی مرکز استان سطر اعتماد را برای کد QR بیش از اندازه بلند می‌کند.
case-event-issued = مدرک { $serial } صادر شد
case-event-issued-supersedes = ، به جای مدرک { $serial }
case-event-issued-until = ، معتبر تا { $date }
case-event-issued-conditions = ؛ شرایط: { $conditions }
case-event-issued-override = ؛ با { $missing } مدرک لازمِ دریافت‌نشده، به این دلیل: { $reason }
case-event-printed = مدرک { $serial } چاپ شد، نسخه‌ی { $copy }
case-event-revoked = مدرک { $serial } ابطال شد: { $reason }
case-event-migrated = از نسخه‌ی { $from } فهرست خدمات به نسخه‌ی { $to } منتقل شد
issue-done = { $kind } با شماره‌ی { $serial } برای پرونده‌ی { $code } صادر شد.
issue-error-bad-serial = «{ $serial }» شماره‌ی سریال نیست؛ نمونه: 1405-000012.
issue-error-bad-validity = مدت اعتبار «{ $days }» باید عددی درست از ۱ تا { $max } روز باشد.
revoke-done = مدرک { $serial } ابطال شد.
migrate-done = پرونده‌ی { $code } از این پس از نسخه‌ی { $version } فهرست خدمات پیروی می‌کند.
print-done = { $path } نوشته شد (مدرک { $serial }، نسخه‌ی { $copy }).
print-receipt-done = رسید پرونده‌ی { $code } در { $path } نوشته شد.
print-error-write = نوشتن { $path } ممکن نشد: { $detail }
print-error-no-receipt-for-office = این پرونده با نامه‌ی یک دفتر یا مقام باز شده و رسید متقاضی ندارد؛ کد رهگیری را در پاسخ همان نامه بنویسید.
print-sent = مدرک { $serial } (نسخه‌ی { $copy }) به چاپگر { $printer } فرستاده شد، کار چاپ { $job }؛ پرونده‌ی آن: { $path }
print-receipt-sent = رسید پرونده‌ی { $code } به چاپگر { $printer } فرستاده شد، کار چاپ { $job }؛ پرونده‌ی آن: { $path }
print-error-not-sent = نسخه در { $path } ذخیره و شمرده شد اما به چاپگر نرسید: { $detail } همان پرونده را چاپ کنید؛ چاپ دوباره‌ی مدرک از برنامه، المثنی است.
spool-error-bad-name = «{ $name }» نام چاپگر نیست: نام چاپگر با حرف یا رقم آغاز می‌شود و جز حرف و رقم و ‎- _ . @ + :‎ چیزی ندارد.
spool-error-no-spooler = برنامه‌ی چاپ ‎{ $program }‎ روی این رایانه پیدا نشد. سرویس چاپ سیستم را نصب کنید (در لینوکس: ‎apt-get install cups‎) و چاپگر را در آن بیفزایید، یا در پرونده‌ی PDF چاپ کنید.
spool-error-not-running = سرویس چاپ سیستم پاسخ نمی‌دهد ({ $detail }). آن را راه بیندازید (در لینوکس: ‎systemctl start cups‎) و دوباره چاپ کنید.
spool-error-no-printer = چاپگری انتخاب نشده و سیستم چاپگر پیش‌فرض ندارد. در تنظیمات چاپگر را انتخاب کنید، یا نام آن را با ‎--printer NAME‎ بدهید.
spool-error-unknown-printer = چاپگری به نام { $name } روی این رایانه نیست. چاپگر را در تنظیمات دوباره انتخاب کنید (‎lpstat -e‎ چاپگرهای این رایانه را نشان می‌دهد).
spool-error-refused = چاپگر { $name } کار چاپ را نپذیرفت: { $detail }
verify-unreadable = «{ $code }» کد استعلام نیست.
verify-other-district = این کد از بخش { $district } است؛ تنها همان بخش یا مرکز استان (بررسی با --hub) می‌تواند درباره‌ی آن پاسخ دهد.
verify-unknown = ناشناخته: این بخش مدرکی با شماره‌ی { $serial } صادر نکرده است؛ ممکن است کد جعلی باشد.
verify-forged = جعلی: امضا با مدرک { $serial } نمی‌خواند.
verify-revoked = ابطال‌شده: مدرک { $serial } در { $date } ابطال شد: { $reason }
verify-superseded = جایگزین‌شده: مدرک { $serial } با مدرک { $newer } جایگزین شد.
verify-genuine = معتبر: { $kind } شماره‌ی { $serial }، صادرشده در { $date } برای { $applicant } (پرونده‌ی { $code }).
verify-hub-genuine = مرکز استان: معتبر — این کد از آنِ سند { $serial } بخش { $district } است و سند معتبر است.
verify-hub-unverifiable = مرکز استان: سند { $serial } بخش { $district } با کد کوتاه بررسی‌شدنی نیست؛ کد کامل (QR) را بخوانید. این پاسخ درباره‌ی اعتبار سند چیزی نمی‌گوید.
verify-hub-revoked = مرکز استان: باطل‌شده — سند { $serial } بخش { $district } در { $revoked } باطل شد.
verify-hub-superseded = مرکز استان: جایگزین‌شده — سند { $serial } بخش { $district } با { $newer } جایگزین شد.
verify-hub-forged = مرکز استان: جعلی — کد با سند { $serial } بخش { $district } نمی‌خواند.
verify-hub-unknown = مرکز استان: سندی با شماره‌ی { $serial } از بخش { $district } نمی‌شناسد (صادر نشده یا هنوز همگام نشده است).
verify-hub-unreadable = مرکز استان: این کد تأیید نیست.
verify-hub-pending = (ابطال از سوی استانداری است؛ تا آخرین همگام‌سازی بخش در { $synced }، بخش هنوز آن را ثبت نکرده بود.)
verify-hub-pending-unsynced = (ابطال از سوی استانداری است؛ بخش هنوز آن را تأیید نکرده است.)
verify-hub-knows-more = مرکز استان بیش از سوابق این بخش می‌داند: پاسخ مرکز استان را ملاک بگیرید.
verify-hub-unreachable = مرکز استان در دسترس نیست: { $detail }
# Sync with the province hub (district side)
sync-identity = بخش { $code }؛ کلید عمومی:
sync-trusted = مرکز استان «{ $hub }» به‌عنوان مرکز همگام‌سازی ثبت شد.
sync-trusted-fingerprint = اثرانگشت کلید مرکز استان: { $fingerprint }؛ باید همان اثرانگشت برگه‌ی ثبت بخش باشد. اگر نیست همگام‌سازی نکنید و به استان خبر دهید.
sync-identity-fingerprint = اثرانگشت کلید بخش، برای خواندن برای مرکز استان: { $fingerprint }
sync-pushed = { $batches } دسته فرستاده شد؛ مرکز استان تا رویداد { $held } را دارد.
sync-pulled = { $decisions } تصمیم از مرکز استان اعمال شد؛ مرکز استان تا رویداد { $held } را دارد.
sync-imported = { $decisions } تصمیم از پرونده مرکز استان اعمال شد.
sync-recovered = { $count } رویداد این بخش که پس از بازگردانی پشتیبان از دست رفته بود از مرکز استان بازگردانده شد.
sync-catalogs = { $count } نسخه‌ی فهرست خدمات از مرکز استان نصب شد؛ پرونده‌های تازه از تازه‌ترین آن‌ها پیروی می‌کنند.
sync-revocations = { $count } ابطال از مرکز استان اعمال شد.
sync-quarantined = دسته‌ای کنار گذاشته شد: { $reason }
sync-status = در صف ارسال: { $pending }؛ تأییدشده تا: { $acked }؛ آخرین تماس: { $contact }
sync-status-push-pull = آخرین ارسال موفق: { $push }؛ آخرین دریافت موفق: { $pull }
sync-never = هرگز
sync-exported = { $batches } دسته در { $path } نوشته شد.
sync-error-file = پرونده { $path } خوانده یا نوشته نشد: { $detail }
sync-error-unreachable = مرکز استان در دسترس نیست ({ $detail })؛ چیزی از صف ارسال حذف نشد و بعداً دوباره تلاش کنید.
sync-error-refused = مرکز استان دسته را نپذیرفت ({ $reason }): { $detail }
sync-error-batch = دسته پذیرفته نشد ({ $reason }): { $detail }؛ چیزی از آن اعمال نشد.
sync-error-refused-worded = مرکز استان دسته را نپذیرفت: { $reason }.
sync-error-batch-worded = دسته پذیرفته نشد: { $reason }؛ چیزی از آن اعمال نشد.
sync-error-hub-key = کلید مرکز استان با کلیدی که این بخش می‌شناسد یکی نیست؛ همگام‌سازی انجام نشد.
sync-error-receipt = پاسخ هاب (رسید دریافت رویدادها) امضای معتبر هاب را ندارد؛ از صف همگام‌سازی چیزی پاک نشد. شاید کسی میان این رایانه و استان پاسخ‌ها را دستکاری می‌کند؛ به مسئول فناوری اطلاعات استانداری خبر دهید.
sync-error-no-hub = کلید مرکز استان هنوز به این بخش داده نشده است؛ مدیر سامانه باید شناسه و کلیدی را که هنگام ثبت بخش در مرکز چاپ شد با «⁦bakhshyar sync trust --hub-id … --key …⁩» وارد کند. برنامه به مرکزی که کلیدش داده نشده اعتماد نمی‌کند.
sync-error-cancelled = همگام‌سازی لغو شد؛ دسته‌هایی که پیش از آن رسیده بودند نگه داشته شدند.
sync-error-clock = ساعت این رایانه بیش از ۵ دقیقه با ساعت استان فاصله دارد و مرکز استان نمی‌تواند درخواست‌های آن را از درخواست‌های کهنه‌ای که دوباره فرستاده شده‌اند جدا کند؛ تاریخ، ساعت و منطقه زمانی را درست کنید و دوباره همگام‌سازی کنید. چیزی از صف ارسال حذف نشد.
sync-error-replayed-request = مرکز استان درخواست‌های این رایانه را، حتی با امضای تازه، تکرار درخواست‌های پیشین دانست؛ شاید همگام‌سازی دیگری از همین بخش هم‌زمان در کار است. چیزی از صف ارسال حذف نشد؛ اندکی بعد دوباره تلاش کنید.
sync-error-tampered = آنچه به مرکز استان رسید همان نیست که این رایانه امضا کرده بود: چیزی میان این رایانه و استان درخواست‌ها را در راه تغییر می‌دهد. چیزی از صف ارسال حذف نشد؛ به مسئول فناوری اطلاعات استانداری خبر دهید.
sync-error-not-recognised = مرکز استان امضای این بخش را نمی‌شناسد: بخش باید با کلید همین رایانه در مرکز ثبت شده باشد (آن را «⁦bakhshyar sync identity⁩» چاپ می‌کند). چیزی از صف ارسال حذف نشد.

# The province hub (bakhshyar-hub)
hub-created = مرکز استان «{ $id }» ساخته شد؛ کلید عمومی: { $key }
hub-key-fingerprint = اثرانگشت کلید مرکز استان: { $fingerprint }
hub-district-fingerprint = اثرانگشت کلید بخش { $district }: { $fingerprint }؛ باید همانی باشد که بخش از «bakhshyar sync identity» خوانده است؛ اگر نیست سطر بالا را به بخش ندهید.
hub-sheet-written = برگه‌ی ثبت بخش در { $path } نوشته شد؛ آن را چاپ کنید و دست‌به‌دست به بخش ببرید.
hub-enrolled = بخش { $district } ثبت شد.
hub-re-enrolled = کلید تازه بخش { $district } ثبت شد (ثبت شماره { $count }).
hub-chain-accepted = زنجیره‌ی سابقه‌ی بخش { $district } از دسته‌ی بعدی آن پذیرفته می‌شود؛ زنجیره‌ی پیشین تا کار { $act } و رویدادهای نگه‌داشته‌ی آن دست نخورده می‌مانند.
hub-enrolled-give = این دو را جدا از شبکه (روی کاغذ یا حافظه‌ی جانبی) به بخش بدهید تا آنجا اجرا شود: { $line }
hub-listening = مرکز استان روی { $address } گوش می‌دهد.
hub-stats-line = بخش { $district }: { $held } رویداد، آخرین شماره { $last }، آخرین تماس { $contact }
hub-stats-never = هرگز
hub-import-held = دسته پذیرفته شد؛ تا رویداد { $held } نگهداری می‌شود.
hub-exported = پرونده پاسخ در { $path } نوشته شد.
hub-decided = تصمیم درباره پرونده { $case } برای بخش { $district } ثبت شد.
hub-published = نسخه‌ی { $version } فهرست خدمات برای { $count } بخش فرستاده شد.
hub-revoked = سند { $serial } (پرونده‌ی { $case }) باطل شد؛ ابطال به بخش { $district } فرستاده می‌شود.
hub-bad-serial = «{ $serial }» شماره‌ی سند نیست (مانند ۱۴۰۵-۰۰۰۰۱۲).
hub-error = خطا: { $detail }
hub-error-bad-district-code = «{ $code }» کد بخش نیست؛ کد بخش همان رقم‌هایی است که بخش با آن راه‌اندازی شده است.
hub-error-key-in-use = این کلید پیش‌تر برای بخش { $district } ثبت شده است؛ هر بخش کلید خود را دارد.
hub-error-held = انبار مرکز استان { $path } در دست برنامه‌ی دیگری است، به احتمال زیاد «bakhshyar-hub serve» که در حال اجراست. نخست آن را نگه دارید (systemctl stop bakhshyar-hub، یا Ctrl+C در جایی که اجرا می‌شود).
hub-store-held = انبار مرکز استان { $path } در دست برنامه‌ی دیگری است، به احتمال زیاد «bakhshyar-hub serve» که در حال اجراست، و فایل { $file } نیست تا فرمان از راه آن به مرکز فرستاده شود. آن برنامه را نگه دارید (systemctl stop bakhshyar-hub، یا Ctrl+C در جایی که اجرا می‌شود) و فرمان را دوباره اجرا کنید.
hub-admin-no-answer = انبار مرکز استان { $path } در دست برنامه‌ی دیگری است، و مرکزی که admin.json در { $address } نشان می‌دهد پاسخ نمی‌دهد ({ $detail }). آن برنامه را نگه دارید (systemctl stop bakhshyar-hub، یا Ctrl+C در جایی که اجرا می‌شود) و فرمان را دوباره اجرا کنید.
hub-admin-refused = مرکز استانی که در { $address } در حال اجراست فرمان را نپذیرفت: { $detail }. آن را نگه دارید (systemctl stop bakhshyar-hub، یا Ctrl+C در جایی که اجرا می‌شود) و فرمان را دوباره اجرا کنید.
hub-no-data-dir = پوشه داده‌های مرکز استان را با --data-dir، یا پایگاه دادهٔ PostgreSQL آن را با --postgres URL بدهید.
hub-no-upload-dir = پوشه بارگذاری‌های ناتمام را با serve --upload-dir، یا پوشه داده‌ها را با --data-dir بدهید (پوشه uploads آن به کار می‌رود).
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
gui-first-run-intro = این اطلاعات یک بار وارد می‌شود. مدیر سامانه سپس حساب کارشناسان و بخشدار را در تنظیمات می‌سازد.
gui-first-run-district-name = نام بخش
gui-first-run-district-code = کد بخش (تا چهار رقم)
gui-first-run-user-name = نام حساب مدیر سامانه (مانند نام و نام خانوادگی)
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
gui-counter-exceptions = صادرشده با مدارک ناقص: { $count }
gui-counter-chart-weeks = پرونده‌ها در هر هفته (آغاز هفته)
gui-counter-chart-services = پرتقاضاترین خدمات (در مجموع { $count } پرونده)
gui-new-case-letter-date-required = تاریخ نامه را بنویسید.
gui-new-case-office-name-required = نام دفتر یا مقام درخواست‌کننده را بنویسید.
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
gui-new-case-foreign-national = تبعه‌ی خارجی
gui-new-case-passport = تبعه با گذرنامه
gui-new-case-foreign-code = کد یکتای اتباع (۱۲ رقم)
gui-new-case-passport-number = شماره‌ی گذرنامه
gui-new-case-requester-office = دفتر یا مقام درخواست‌کننده (خدمت درون‌سازمانی)
gui-new-case-letter-number = شماره‌ی نامه
gui-new-case-letter-date = تاریخ نامه (مانند ۱۴۰۵/۰۹/۱۵)
gui-new-case-office-name = نام دفتر یا مقام
gui-new-case-name = نام
gui-new-case-phone = تلفن (اختیاری)
gui-new-case-save = ثبت پرونده
gui-new-case-keys = Enter ثبت · Esc انصراف
gui-new-case-saved = پرونده ثبت شد. کد رهگیری:
gui-new-case-open = دیدن پرونده
gui-new-case-another = پرونده جدید دیگر
gui-new-case-office-reply = این درخواست با نامه آمده و رسید متقاضی ندارد؛ کد رهگیری را در پاسخ همان نامه بنویسید.
gui-new-case-discard-ask = آنچه در این فرم وارد کرده‌اید ذخیره نشده است. دور ریخته شود؟
gui-new-case-discard = دور ریختن
gui-new-case-keep = ادامه‌ی کار روی فرم
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
gui-case-paper-advance = ثبت نامه‌ی کاغذی و ارجاع به: { $step }
gui-case-paper-decide = ثبت نامه‌ی کاغذی: { $branch } ← { $step }
gui-case-paper-heading = تصمیمی که با نامه‌ی کاغذی رسیده؛ ارجاع به «{ $step }»
gui-case-paper-number = شماره‌ی نامه
gui-case-paper-date = تاریخ نامه (مانند ۱۴۰۵/۰۹/۱۰)
gui-case-paper-confirm = ثبت نامه و ارجاع
gui-case-note-placeholder = یادداشت…
gui-case-add-note = افزودن یادداشت
gui-case-no-actions = اکنون اقدامی برای نقش شما نیست.
gui-case-waiting-upstream = این مرحله با { $office } است: تصمیم آن با امضای استان از همگام‌سازی می‌رسد. اگر نامه‌ی کاغذی آن رسیده، بخشدار آن را با شماره و تاریخ نامه ثبت می‌کند.
gui-case-current-step = گام کنونی: «{ $step }»
gui-case-current-step-office = گام کنونی: «{ $step }» ({ $office })
gui-diagram-acting = انجام‌دهنده: { $office }
gui-diagram-legend-current = گام کنونی پرونده
gui-diagram-legend-path = مسیر پیموده‌شده
gui-diagram-legend-return = بازگشت برای اصلاح
gui-case-event-opened = تشکیل پرونده
gui-case-event-received = دریافت مدرک { $item }
gui-case-event-not-received = برداشتن تیک مدرک { $item }
gui-case-event-advanced = ارجاع به «{ $step }»
gui-case-event-decided = تصمیم «{ $branch }»، ارجاع به «{ $step }»
gui-case-event-paper = تصمیم «{ $branch }» طبق نامه‌ی شماره‌ی { $number } مورخ { $date }، ارجاع به «{ $step }»
gui-case-event-note = یادداشت
gui-case-event-file = پیوست پرونده { $file }
gui-app-working = در حال انجام…
gui-print-written = پی‌دی‌اف نوشته شد: { $path }
gui-print-sent = به چاپگر { $printer } فرستاده شد؛ کار چاپ { $job }
gui-print-error-view = نمایش { $path } ممکن نشد ({ $detail })؛ پرونده نوشته شده است و می‌توانید آن را خودتان باز کنید.
gui-print-error-no-viewer = برنامه‌ای برای نمایش پی‌دی‌اف پیدا نشد؛ { $file } را از پوشه‌اش باز یا چاپ کنید.
gui-case-return = بازگرداندن برای اصلاح به: { $step }
gui-case-attach = پیوست مدرک اسکن‌شده…
gui-case-issue = صدور مدرک
gui-case-issue-correction = صدور اصلاحیه‌ی مدرک
gui-case-issue-validity = مدت اعتبار (روز)
gui-case-issue-validity-placeholder = مثلاً ۳۶۵؛ خالی یعنی بی‌مدت
gui-case-issue-conditions = شرایط
gui-case-issue-conditions-placeholder = شرایطی که در مدرک چاپ می‌شود (اختیاری)
gui-case-issue-missing = { $missing } مدرک از { $total } مدرک لازم دریافت نشده است. برای صدور با وجود آن، دلیلش را بنویسید (در سابقه ثبت می‌شود):
gui-case-issue-override-placeholder = دلیل صدور بدون این مدارک
gui-case-issue-supersedes = این صدور:
gui-case-issue-fresh = صدور نخست
gui-case-issue-corrects = اصلاح و جایگزینی مدرک { $serial }
gui-case-issue-confirm = صدور با این شرایط
gui-case-print = چاپ مدرک
gui-case-print-save = ذخیره‌ی مدرک در…
gui-case-duplicate = چاپ المثنی
gui-case-duplicate-save = ذخیره‌ی المثنی در…
gui-case-print-paper = چاپ مدرک روی کاغذ
gui-case-duplicate-paper = چاپ المثنی روی کاغذ
gui-case-revoke = ابطال مدرک…
gui-case-revoke-ask = دلیل ابطال را بنویسید و ابطال را تأیید کنید. ابطال بازگشت‌پذیر نیست.
gui-case-revoke-reason = دلیل ابطال…
gui-case-revoke-confirm = ابطال شود
gui-case-revoke-reason-required = بدون دلیل نمی‌توان مدرک را ابطال کرد؛ دلیل ابطال را بنویسید.
gui-case-document = { $kind } شماره‌ی { $serial } — { $copies } نسخه چاپ شده
gui-case-document-unprinted = { $kind } شماره‌ی { $serial } — هنوز چاپ نشده
gui-case-document-revoked = { $kind } شماره‌ی { $serial } — ابطال‌شده
gui-case-document-superseded = { $kind } شماره‌ی { $serial } — جایگزین‌شده
gui-new-case-receipt = چاپ رسید متقاضی
gui-new-case-receipt-save = ذخیره‌ی رسید در…
gui-settings-language = زبان
gui-settings-language-fa = فارسی
gui-settings-language-en = English
gui-settings-data-dir = پوشه داده‌ها
gui-settings-backups = پشتیبان‌ها
gui-settings-backups-not-permitted = پشتیبان‌گیری و بازگردانی با مدیر سامانه است.
gui-settings-key = کلید امضای بخش
gui-key-held = کلید امضای بخش روی این رایانه است. پشتیبان‌ها آن را ندارند: رونوشتی مهروموم‌شده با عبارت عبور ذخیره کنید و آن را، با عبارت عبوری که جدا نوشته‌اید، دور از پشتیبان‌ها نگه دارید.
gui-key-passphrase = عبارت عبور (دست‌کم ۱۲ نویسه)
gui-key-repeat = دوباره همان عبارت عبور
gui-key-export = ذخیره‌ی رونوشت مهروموم‌شده…
gui-key-import = برگرداندن کلید از رونوشت…
gui-settings-backup-now = پشتیبان‌گیری اکنون…
gui-settings-backup-saved = پشتیبان ذخیره شد: { $path }
gui-settings-automatic = پشتیبان‌های خودکار روزانه: { $count }
gui-settings-restore = بازگردانی
gui-settings-restore-confirm = پایگاه داده کنونی کنار گذاشته و { $path } جای آن می‌نشیند. ادامه می‌دهید؟
gui-settings-restore-yes = بله، بازگردانی شود
gui-settings-printing = چاپ
gui-settings-printing-not-permitted = پیش‌فرض‌های چاپ کار بخشدار یا مدیر سامانه است.
gui-settings-county = شهرستان، چنان‌که در سربرگ می‌آید
gui-settings-province = استان، چنان‌که در سربرگ می‌آید
gui-settings-emblem = نشان اداره، بالای هر مدرک
gui-settings-emblem-none = نشانی برگزیده نشده است
gui-settings-emblem-file = نشان: { $path }
gui-settings-emblem-choose = برگزیدن تصویر…
gui-settings-emblem-remove = برداشتن نشان
gui-settings-document-paper = کاغذ مدرک‌های صادرشده
gui-settings-receipt-paper = کاغذ رسیدها
gui-settings-printer = چاپگر این رایانه (چاپ روی کاغذ)
gui-settings-printer-default = پیش‌فرض سیستم
gui-settings-printer-default-named = پیش‌فرض سیستم ({ $name })
gui-settings-printer-none = چاپگری روی این رایانه نیست؛ چاپ روی کاغذ تا افزودن چاپگر به سیستم ممکن نیست.
gui-settings-printer-saved = چاپگر این رایانه نگه داشته شد.
gui-settings-paper-template = طبق قالب
gui-settings-printing-save = ذخیره‌ی پیش‌فرض‌های چاپ
gui-settings-printing-saved = ذخیره شد؛ چاپ‌های بعدی، از پنجره و از خط فرمان، از آن پیروی می‌کنند.
gui-sync-title = همگام‌سازی با مرکز استان
gui-sync-pending = رویدادهای در صف ارسال: { $count }
gui-sync-last-contact-never = آخرین تماس با مرکز: هرگز
gui-sync-last-contact = آخرین تماس با مرکز: { $when }
gui-sync-address = نشانی مرکز استان
gui-sync-address-placeholder = http://10.0.0.5:8080
gui-sync-address-save = ذخیره‌ی نشانی
gui-sync-address-saved = نشانی ذخیره شد؛ همگام‌سازی خودکار با همین نشانی انجام می‌شود.
gui-sync-address-empty = نشانی مرکز استان را بنویسید.
gui-sync-address-scheme = فقط نشانی‌های http:// پشتیبانی می‌شوند.
gui-sync-address-host = نام یا نشانی رایانه‌ی مرکز استان درست نیست.
gui-sync-address-port = شماره‌ی درگاه باید عددی از ۱ تا ۶۵۵۳۵ باشد.
gui-sync-no-address = نشانی مرکز استان هنوز تعیین نشده است؛ رویدادها در صف می‌مانند.
gui-sync-now = همگام‌سازی اکنون
gui-sync-progress-connecting = در حال تماس با مرکز استان…
gui-sync-progress-push = فرستادن دسته‌ها: { $done } از { $total }
gui-sync-progress-pull = دریافت دسته‌ها: { $done } از { $total }
gui-sync-done = { $sent } دسته فرستاده و { $received } دسته دریافت شد؛ { $decisions } تصمیم اعمال شد.
gui-sync-quarantined = دسته‌های کنارگذاشته: { $count }
gui-sync-quarantined-item = دسته‌ی { $batch }:
gui-sync-quarantined-at-hub = مرکز استان { $count } دسته از این بخش را کنار گذاشته است.
gui-sync-last-push = آخرین ارسال موفق به مرکز: { $when }
gui-sync-last-push-never = آخرین ارسال موفق به مرکز: هنوز نه
gui-sync-last-pull = آخرین دریافت موفق از مرکز: { $when }
gui-sync-last-pull-never = آخرین دریافت موفق از مرکز: هنوز نه
gui-sync-set-aside-item = رویدادهای { $first } تا { $last }: { $reason }

## Why the hub set a batch aside, by SyncError::key
sync-reason-not-a-batch = پرونده دسته‌ی بخش‌یار نیست
sync-reason-unknown-version = نسخه‌ی قالب دسته ناشناخته است
sync-reason-truncated = دسته ناقص رسیده است
sync-reason-trailing-bytes = پس از امضای دسته داده‌ی اضافه هست
sync-reason-malformed = سرآیند دسته خوانا نیست
sync-reason-compression = بدنه‌ی دسته باز نمی‌شود
sync-reason-too-large = دسته بیش از اندازه بزرگ است
sync-reason-not-sealed = دسته برای گیرنده‌اش مهروموم نشده بود و در راه خواندنی بود
sync-reason-seal = دسته‌ی مهروموم‌شده با کلید گیرنده باز نمی‌شود
sync-reason-unknown-sender = فرستنده ثبت‌نام نشده است
sync-reason-bad-signature = امضای دسته با کلید فرستنده نمی‌خواند
sync-reason-wrong-receiver = دسته برای گیرنده‌ی دیگری است
sync-reason-inconsistent = رویدادهای دسته با شماره‌های آغاز و پایانش نمی‌خواند
sync-reason-out-of-order = دسته خارج از نوبت رسیده است
sync-reason-replayed = این دسته پیش‌تر رسیده بود
sync-reason-forked = رویدادی با رویداد ثبت‌شده‌ی هم‌شماره فرق دارد
sync-reason-broken-chain = دسته به دسته‌ی پیش از خود پیوند ندارد
sync-reason-foreign-event = رویدادی از پرونده‌های بخش دیگر در دسته است
sync-reason-chain-rewritten = زنجیره‌ی سابقه‌ی بخش با آنچه استان دارد نمی‌خواند: سابقه بازنویسی یا از پشتیبان قدیمی بازگردانده شده است؛ هیچ چیز پاک نشد و استان باید آن را بررسی و تأیید کند
sync-reason-chain-gap = زنجیره‌ی سابقه در دسته از جایی پس از آنچه استان دارد آغاز می‌شود
sync-reason-chain-missing = دسته زنجیره‌ی سابقه ندارد، ولی استان زنجیره‌ی این بخش را دارد
sync-reason-gap = شماره‌ی رویدادها در دسته پیوسته نیست

gui-sync-files = همگام‌سازی با پرونده (حافظه‌ی USB)
gui-sync-export = ذخیره‌ی دسته‌های در صف در پرونده…
gui-sync-import = خواندن پرونده‌ی پاسخ مرکز استان…
gui-sync-imported = { $received } دسته از پرونده خوانده شد؛ { $decisions } تصمیم اعمال شد.
gui-sync-import-chosen = پنجره با پرونده‌ی { $path } باز شد. به عنوان پاسخ مرکز استان خوانده شود؟
gui-sync-import-chosen-read = خواندن این پرونده
gui-sync-import-chosen-dismiss = فعلاً نه
gui-sync-status-running = در حال همگام‌سازی…
gui-sync-status-waiting = همگام‌سازی: در انتظار اتصال
gui-sync-status-last = آخرین همگام‌سازی:

## Dates: the Solar Hijri day, then the time of day in Iran (Localizer::when)
date-time = { $date }، ساعت { $time }
date-day = { $day } { $month } { $year }
date-month-1 = فروردین
date-month-2 = اردیبهشت
date-month-3 = خرداد
date-month-4 = تیر
date-month-5 = مرداد
date-month-6 = شهریور
date-month-7 = مهر
date-month-8 = آبان
date-month-9 = آذر
date-month-10 = دی
date-month-11 = بهمن
date-month-12 = اسفند

## Accounts and login (src/office/accounts.rs, src/cli/login.rs, src/i18n/account_errors.rs)
list-separator = {"، "}
account-error-unknown-user = حسابی به نام «{ $name }» نیست.
account-error-disabled = حساب «{ $name }» غیرفعال است؛ مدیر سامانه می‌تواند آن را دوباره فعال کند.
account-error-wrong-password = گذرواژه درست نیست. (زبان صفحه‌کلید و Caps Lock را ببینید.)
account-error-throttled = ورودهای نادرست پیاپی بسیار شد؛ { $seconds } ثانیه‌ی دیگر دوباره بکوشید.
account-error-no-password = حساب «{ $name }» هنوز گذرواژه ندارد؛ نخست گذرواژه‌ای برای آن بگذارید.
account-error-name-taken = حسابی به نام «{ $name }» از پیش هست.
account-error-name-too-long = نام حساب { $length } نویسه است؛ بیشینه { $max } است.
account-error-name-character = نام حساب نویسه‌ی نادیدنی یا کنترلی { $char } دارد و پذیرفته نیست.
account-error-name-without-letter = نام حساب باید دست‌کم یک حرف داشته باشد.
account-error-weak-password = گذرواژه باید دست‌کم { $min } نویسه باشد.
account-error-passwords-differ = دو گذرواژه‌ی نوشته‌شده یکی نیستند.
account-error-not-permitted = «{ $action }» کار { $allowed } است؛ { $role } اجازه‌ی آن را ندارد.
account-error-last-administrator = این تنها مدیر سامانه‌ی فعال است و غیرفعال نمی‌شود؛ نخست مدیر دیگری بیفزایید.
account-error-not-a-login-role = نقش فرمانداری و استانداری حساب ورود ندارد؛ تصمیم آنان از مرکز استان می‌رسد.
account-error-wrong-recovery-code = کد بازیابی درست نیست.
account-error-no-accounts = این پایگاه هنوز حسابی ندارد؛ نخست مدیر سامانه را بسازید (در پنجره‌ی برنامه).

action-open-case = ثبت پرونده
action-mark-document = ثبت دریافت مدرک
action-advance = پیش بردن پرونده
action-decide = تصمیم در مرحله‌ی تصمیم
action-add-note = افزودن یادداشت
action-attach-file = پیوست پرونده
action-print-receipt = چاپ رسید
action-issue-document = صدور مدرک
action-print-document = چاپ مدرک
action-reprint-duplicate = چاپ المثنی
action-revoke-document = ابطال مدرک
action-record-paper-decision = ثبت تصمیم رسیده با نامه‌ی کاغذی
action-manage-users = مدیریت حساب‌ها
action-manage-backups = پشتیبان‌گیری و بازگردانی
action-manage-sync = همگام‌سازی با استان
action-update-catalog = به‌روزرسانی شناسنامه‌ی خدمات
action-manage-office = تنظیمات سربرگ و چاپ
action-read-cases = دیدن پرونده‌ها
action-audit = وارسی کل پایگاه

office-act-logged-in = ورود
office-act-login-failed = ورود ناموفق
office-act-login-throttled = ورود در زمان انتظار
office-act-account-added = افزودن حساب
office-act-account-disabled = غیرفعال کردن حساب
office-act-account-enabled = فعال کردن حساب
office-act-password-reset = گذاشتن گذرواژه‌ی تازه به دست مدیر
office-act-password-changed = تغییر گذرواژه
office-act-recovery-used = بازیابی با برگه‌ی بازیابی
office-act-backed-up = پشتیبان‌گیری
office-act-restored = بازگردانی پشتیبان
office-act-receipt-printed = چاپ رسید
office-act-account-carried = حساب نگه‌داشته در بازگردانی پشتیبان
office-act-key-exported = نوشتن رونوشت مهروموم‌شده‌ی کلید بخش
office-act-key-imported = برگرداندن کلید بخش از رونوشت مهروموم‌شده
office-act-synced = همگام‌سازی

login-user-missing = این فرمان با حساب کاربری اجرا می‌شود: نام حساب را با ‎--user‎ بدهید (و گذرواژه را با ‎--password-file‎ یا در پاسخ به پرسش).
login-password-prompt = گذرواژه:
login-new-password-prompt = گذرواژه‌ی تازه:
login-new-password-again = دوباره گذرواژه‌ی تازه:
login-password-missing = گذرواژه داده نشد: ‎--password-file‎ را بدهید یا فرمان را در پایانه اجرا کنید تا گذرواژه پرسیده شود.
login-password-file-unreadable = فایل گذرواژه‌ی { $path } خوانده نشد.
login-password-file-open = فایل گذرواژه‌ی { $path } را دیگران هم می‌توانند بخوانند؛ نخست دسترسی آن را تنها برای خودتان بگذارید (chmod 600).

recovery-code-made = کد بازیابی مدیر سامانه: { $code } — آن را چاپ کنید یا بنویسید و در جای امن نگه دارید؛ دیگر نشان داده نمی‌شود.
recovery-sheet-written = برگه‌ی بازیابی در { $path } نوشته شد؛ آن را چاپ کنید و فایل را پاک کنید.
recover-code-prompt = کد بازیابی:
recover-done = گذرواژه‌ی تازه‌ی «{ $name }» گذاشته شد و کد بازیابی پیشین دیگر کار نمی‌کند.

user-added = حساب «{ $name }» افزوده شد.
user-disabled = حساب «{ $name }» غیرفعال شد؛ کارهای گذشته‌ی آن به نامش می‌ماند.
user-enabled = حساب «{ $name }» دوباره فعال شد.
user-password-reset = گذرواژه‌ی تازه‌ی «{ $name }» گذاشته شد.
user-password-changed = گذرواژه‌ی «{ $name }» تغییر کرد.
user-state-active = فعال
user-state-disabled = غیرفعال

gui-first-run-password = گذرواژه‌ی مدیر سامانه (دست‌کم ۸ نویسه)
gui-first-run-repeat = دوباره همان گذرواژه
gui-app-lock = قفل / تغییر کاربر
gui-login-title = ورود به بخش‌یار — { $district }
gui-login-choose = حساب خود را برگزینید:
gui-login-password = گذرواژه
gui-login-submit = ورود
gui-login-first-password = این حساب هنوز گذرواژه ندارد؛ گذرواژه‌ای برای آن بگذارید.
gui-login-new-password = گذرواژه‌ی تازه (دست‌کم ۸ نویسه)
gui-login-repeat = دوباره گذرواژه‌ی تازه
gui-login-caps-lock = Caps Lock روشن است.
gui-login-persian-layout = گذرواژه حرف فارسی دارد؛ اگر گذرواژه‌تان لاتین است، زبان صفحه‌کلید را عوض کنید (Alt+Shift).
gui-login-recovery-open = گذرواژه‌ی مدیر فراموش شده؟ بازیابی با برگه
gui-login-recovery-back = بازگشت به ورود
gui-login-recovery-intro = کد برگه‌ی بازیابی را بنویسید و گذرواژه‌ی تازه‌ی مدیر را بگذارید؛ پس از آن برگه‌ی تازه‌ای ساخته می‌شود.
gui-login-recovery-code = کد بازیابی (از برگه)
gui-login-recover = بازیابی و گذاشتن گذرواژه‌ی تازه
gui-recovery-title = برگه‌ی بازیابی مدیر سامانه
gui-recovery-intro = اگر گذرواژه‌ی «{ $name }» فراموش شود، تنها با این کد می‌توان آن را بازیافت:
gui-recovery-keep = برگه را ذخیره و چاپ کنید و در جای امن و قفل‌دار نگه دارید؛ این کد دیگر نشان داده نمی‌شود.
gui-recovery-save = ذخیره‌ی برگه‌ی بازیابی (PDF)…
gui-recovery-continue = ذخیره کردم؛ به صفحه‌ی ورود
gui-recovery-file-name = برگه-بازیابی
gui-settings-accounts = حساب‌های کاربری
gui-accounts-new = حساب تازه
gui-accounts-name = نام حساب (مانند نام و نام خانوادگی)
gui-accounts-choose-role = نقش حساب را برگزینید.
gui-accounts-password = گذرواژه (دست‌کم ۸ نویسه)
gui-accounts-repeat = دوباره همان گذرواژه
gui-accounts-add = افزودن حساب
gui-accounts-disable = غیرفعال کردن
gui-accounts-enable = فعال کردن
gui-accounts-reset = گذرواژه‌ی تازه
gui-accounts-reset-for = گذرواژه‌ی تازه برای «{ $name }»:
gui-accounts-reset-save = گذاشتن گذرواژه‌ی تازه
gui-settings-idle-lock = قفل خودکار پنجره پس از این چند دقیقه بی‌کاری
gui-settings-idle-lock-save = ذخیره
gui-settings-idle-lock-refused = شمار دقیقه‌ها باید از ۱ تا ۲۴۰ باشد.

## کلید امضای بخش، در پرونده‌ی خودش (نه در پشتیبان‌ها)
key-error-missing = کلید امضای بخش { $district } روی این رایانه نیست: صدور مدرک و فرستادن دسته ممکن نیست. آن را از رونوشت مهروموم‌شده‌ی مدیر سامانه برگردانید: ‎bakhshyar key import FILE‎
key-error-other-district = کلید امضای این رایانه از آن بخش { $key } است، ولی داده‌ها از آن بخش { $data }. کلید بخش { $data } را از رونوشت مهروموم‌شده‌اش برگردانید: ‎bakhshyar key import FILE‎
key-error-conflict = کلید امضای دیگری از بخش { $district } روی این رایانه هست و جایگزین نشد. از استانداری بپرسید کدام کلید برای بخش ثبت شده است.
key-error-passphrase-short = عبارت عبور دست‌کم { $min } نویسه باید داشته باشد.
key-error-wrong-passphrase = این عبارت عبور رونوشت کلید را باز نمی‌کند.
key-error-not-a-copy = این پرونده رونوشت مهروموم‌شده‌ی کلید یک بخش نیست.
key-passphrase-new = عبارت عبور رونوشت کلید (دست‌کم ۱۲ نویسه؛ آن را بنویسید و جدا از رونوشت نگه دارید):
key-passphrase-again = دوباره عبارت عبور:
key-passphrase-prompt = عبارت عبور رونوشت کلید:
key-exported = کلید بخش، مهروموم‌شده با عبارت عبور، در { $path } است. آن و عبارت عبور را جدا از پشتیبان‌ها نگه دارید: با آخرین پشتیبان، بخش را روی رایانه‌ی تازه برمی‌گردانند.
key-export-exists = { $path } از پیش هست؛ چیزی نوشته نشد.
key-import-unreadable = { $path } خوانده نمی‌شود.
key-imported = کلید امضای بخش { $district } روی این رایانه است: صدور مدرک و فرستادن دسته‌ها ممکن است.
key-already-here = کلید امضای بخش { $district } از پیش روی این رایانه بود؛ چیزی تغییر نکرد.

## doctor
doctor-level-ok = [درست]
doctor-level-warning = [هشدار]
doctor-level-problem = [مشکل]
doctor-detail = { $detail }
doctor-permissions-private = پوشه‌ی داده، پایگاه داده و کلید تنها برای دارنده‌شان خواندنی است.
doctor-permissions-open = کاربران دیگر این رایانه این‌ها را می‌توانند بخوانند: { $paths }. برنامه هنگام باز کردن پایگاه داده آن‌ها را خصوصی می‌کند؛ ببینید چه کسان دیگری به این رایانه وارد می‌شوند.
doctor-disk-ok = { $free } گیگابایت جای خالی روی دیسک پوشه‌ی داده هست.
doctor-disk-low = تنها { $free } گیگابایت جای خالی روی دیسک پوشه‌ی داده مانده است: زیر ۱ گیگابایت کار یک روز و پشتیبانش شاید جا نشود. جا باز کنید.
doctor-disk-full = تنها { $free } گیگابایت جای خالی روی دیسک پوشه‌ی داده مانده است: ذخیره به‌زودی شکست می‌خورد. هم‌اکنون جا باز کنید.
doctor-disk-unknown = جای خالی دیسک پوشه‌ی داده خوانده نشد.
doctor-database-clean = پایگاه داده از بازبینی (check) سربلند بیرون آمد: همه‌ی پرونده‌ها، نمایه‌ها و کارهای ثبت‌شده با هم می‌خوانند.
doctor-database-problems = بازبینی پایگاه داده { $count } مشکل یافت: برای دیدنشان ‎bakhshyar check‎ را اجرا کنید.
doctor-key-here = کلید امضای بخش روی این رایانه است.
doctor-backup-none = هنوز پشتیبان روزانه‌ای در backups/ نیست: نخستین فرمان پرونده یا پنجره‌ی هر روز یکی می‌نویسد؛ ‎bakhshyar backup --out FILE‎ هم‌اکنون یکی می‌نویسد.
doctor-backup-recent = آخرین پشتیبان { $days } روز پیش نوشته شده است: { $path }
doctor-backup-old = آخرین پشتیبان { $days } روز پیش نوشته شده است ({ $path }): یا از آن پس کسی این‌جا کار نکرده یا پشتیبان‌گیری شکست می‌خورد. هم‌اکنون یکی بگیرید: ‎bakhshyar backup --out FILE‎
doctor-renderer = پنجره با { $renderer } می‌کشد (‎ICED_BACKEND=tiny-skia‎ کشیدن نرم‌افزاری را برمی‌گزیند) و قلم وزیرمتن درون برنامه را به کار می‌برد.
doctor-hub-none = نشانی مرکز استان تعیین نشده است: این بخش با پرونده‌ی USB همگام می‌شود، یا هنوز همگام نشده است.
doctor-hub-not-trusted = نشانی مرکز استان تعیین شده است ({ $address })، ولی کلید مرکز داده نشده است: سطر sync trust را که ثبت‌نام چاپ کرد اجرا کنید.
doctor-hub-unreachable = مرکز استان در { $address } پاسخ نمی‌دهد: { $detail }
doctor-hub-ok = مرکز استان در { $address } با همان کلیدی پاسخ می‌دهد که به این بخش داده شده است.
doctor-hub-other-key = مرکز استان در { $address } با کلیدی جز کلیدی که به این بخش داده شده پاسخ می‌دهد: همگام نکنید و با استانداری تماس بگیرید.
doctor-clock-ok = ساعت این رایانه و ساعت مرکز استان در { $seconds } ثانیه با هم می‌خوانند.
doctor-clock-off = ساعت این رایانه { $seconds } ثانیه با ساعت مرکز استان فاصله دارد: درخواست‌های امضاشده و مهلت‌ها به آن بسته‌اند. تاریخ، ساعت و منطقه‌ی زمانی (Asia/Tehran) را درست کنید.
doctor-clock-unknown = مرکز استان زمان خود را نگفت.
doctor-outbox-empty = رویدادی در صف ارسال نمانده است.
doctor-outbox-recent = { $count } رویداد در صف ارسال است؛ کهنه‌ترینش { $days } روز است که مانده.
doctor-outbox-old = { $count } رویداد در صف ارسال است و کهنه‌ترینش { $days } روز است که مانده: با مرکز استان همگام کنید یا پرونده‌ی ‎sync export‎ را ببرید.
