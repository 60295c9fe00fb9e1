//! Every user-visible string, in English and Khmer. A message is an enum variant, so a page cannot
//! show a string that lacks a translation: adding a key without both texts does not compile.

use homeward_core::Lang;
use leptos::prelude::*;

macro_rules! messages {
    ($($key:ident => $en:expr, $km:expr;)*) => {
        /// A user-visible message.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg { $($key),* }

        impl Msg {
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::En) => $en, (Msg::$key, Lang::Km) => $km,)*
                }
            }
        }

        /// A message carried in both languages, e.g. inside an error sent to the browser.
        impl From<Msg> for homeward_core::Bilingual {
            fn from(m: Msg) -> Self {
                homeward_core::Bilingual::new(m.text(Lang::En), m.text(Lang::Km))
            }
        }

        #[cfg(test)]
        const ALL: &[Msg] = &[$(Msg::$key),*];
    };
}

messages! {
    AppName => "Homeward", "ផ្លូវទៅផ្ទះ";
    Tagline => "Children back to families: RCI transitions", "នាំកុមារត្រឡប់ទៅគ្រួសារវិញ៖ ការផ្លាស់ប្តូរមណ្ឌល";
    NavPartners => "Partners", "ដៃគូ";
    NavMyWork => "My work", "ការងាររបស់ខ្ញុំ";
    // Working offline.
    NavOffline => "Available offline", "អាចប្រើបានពេលគ្មានអ៊ីនធឺណិត";
    OfflineTitle => "Available offline", "អាចប្រើបានពេលគ្មានអ៊ីនធឺណិត";
    OfflineIntro => "The pages of the partners you advise are kept on this phone each time you open them, so you can read them and save your work without a signal. They are yours alone: they are removed when you sign out.", "ទំព័ររបស់ដៃគូដែលអ្នកផ្តល់ប្រឹក្សា ត្រូវបានរក្សាទុកនៅលើទូរស័ព្ទនេះរាល់ពេលដែលអ្នកបើកវា ដូច្នេះអ្នកអាចអាន និងរក្សាទុកការងាររបស់អ្នកបាន ទោះបីគ្មានសេវាទូរស័ព្ទក៏ដោយ។ វាជារបស់អ្នកតែម្នាក់គត់៖ វាត្រូវបានលុបចោលនៅពេលអ្នកចាកចេញ។";
    OfflineNone => "No partner is yours to keep here: pages you open are still kept while you are signed in.", "គ្មានដៃគូណាដែលត្រូវរក្សាទុកនៅទីនេះទេ៖ ទំព័រដែលអ្នកបើក នៅតែត្រូវបានរក្សាទុក ពេលអ្នកបានចូល។";
    OfflineNotKept => "not kept yet", "មិនទាន់បានរក្សាទុក";
    OfflineKeepAll => "Keep them all now", "រក្សាទុកទាំងអស់ឥឡូវនេះ";
    OfflineNote => "Saved on this phone: it will be sent when the signal returns. Nothing is lost.", "បានរក្សាទុកនៅលើទូរស័ព្ទនេះ៖ វានឹងត្រូវផ្ញើនៅពេលមានសេវាទូរស័ព្ទវិញ។ គ្មានអ្វីបាត់បង់ទេ។";
    WaitingToSend => "waiting to send", "កំពុងរង់ចាំផ្ញើ";
    OutboxTitle => "Outbox", "ប្រអប់ចេញ";
    OutboxIntro => "Saves made on this phone without a signal. They are sent in the order they were made when the signal returns; one that someone else's change overtook waits here for you to choose.", "ការរក្សាទុកដែលបានធ្វើនៅលើទូរស័ព្ទនេះពេលគ្មានសេវាទូរស័ព្ទ។ វាត្រូវបានផ្ញើតាមលំដាប់ដែលបានធ្វើ នៅពេលមានសេវាវិញ។ ការរក្សាទុកណាដែលការផ្លាស់ប្តូររបស់អ្នកផ្សេងបានធ្វើមុន នឹងរង់ចាំនៅទីនេះឱ្យអ្នកជ្រើសរើស។";
    OutboxEmpty => "Nothing is waiting to send.", "គ្មានអ្វីកំពុងរង់ចាំផ្ញើទេ។";
    OutboxSavedAt => "Saved on this phone", "បានរក្សាទុកនៅលើទូរស័ព្ទនេះ";
    OutboxWaiting => "Waiting to send", "កំពុងរង់ចាំផ្ញើ";
    OutboxConflict => "Someone else saved this first: choose whether yours replaces it.", "មានអ្នកផ្សេងបានរក្សាទុកនេះមុន៖ សូមជ្រើសរើសថាតើរបស់អ្នកជំនួសវាឬអត់។";
    OutboxRefused => "Refused by the server: open the page and save it again.", "ត្រូវបានបដិសេធដោយម៉ាស៊ីនមេ៖ សូមបើកទំព័រ ហើយរក្សាទុកម្តងទៀត។";
    OutboxTyped => "What you saved", "អ្វីដែលអ្នកបានរក្សាទុក";
    OutboxReapply => "Save mine over it", "រក្សាទុករបស់ខ្ញុំជំនួសវិញ";
    OutboxDrop => "Drop mine", "បោះបង់របស់ខ្ញុំ";
    OfflineFormItem => "Checklist item", "ចំណុចក្នុងបញ្ជីត្រួតពិនិត្យ";
    OfflineFormCounts => "Children's counts", "ចំនួនកុមារ";
    OfflineFormFollowUp => "Follow-up visit", "ការចុះតាមដាន";
    AlreadySaved => "This save was already received: nothing more to do.", "ការរក្សាទុកនេះបានទទួលរួចហើយ៖ មិនចាំបាច់ធ្វើអ្វីទៀតទេ។";
    MyWorkTitle => "My work: what is due", "ការងាររបស់ខ្ញុំ៖ អ្វីដែលត្រូវធ្វើ";
    WorkLate => "late", "ហួសកំណត់";
    WorkInAll => "to do in all", "ត្រូវធ្វើសរុប";
    WorkRcis => "partner RCIs", "មណ្ឌលដៃគូ";
    WorkShownFirst => "The most urgent first:", "ការងារបន្ទាន់បំផុតមុនគេ៖";
    NothingToDo => "Nothing is due: every partner you look after is up to date.", "គ្មានអ្វីត្រូវធ្វើទេ៖ មណ្ឌលដៃគូទាំងអស់ដែលអ្នកមើលការខុសត្រូវគឺទាន់សម័យ។";
    ImportWaiting => "A spreadsheet is waiting for you to confirm or drop its import:", "តារាងមួយកំពុងរង់ចាំអ្នកបញ្ជាក់ ឬបោះបង់ការនាំចូល៖";
    WorkStep => "Checklist step", "ចំណុចក្នុងបញ្ជីត្រួតពិនិត្យ";
    WorkInspectionDue => "Next inspection due", "អធិការកិច្ចបន្ទាប់ត្រូវធ្វើ";
    WorkAssessmentDue => "Next readiness assessment due", "ការវាយតម្លៃការត្រៀមខ្លួនបន្ទាប់ត្រូវធ្វើ";
    Late => "late by", "ហួសកំណត់";
    DueToday => "due today", "ត្រូវធ្វើថ្ងៃនេះ";
    DueIn => "due in", "ត្រូវធ្វើក្នុងរយៈពេល";
    Language => "Language", "ភាសា";
    SkipToContent => "Skip to content", "រំលងទៅខ្លឹមសារ";
    Menu => "Menu", "ម៉ឺនុយ";
    PartnersTitle => "Partner RCIs", "មណ្ឌលដៃគូ";
    PartnersIntro => "Every partner residential care institution, its current stage and overall progress.",
        "មណ្ឌលថែទាំកុមារដៃគូទាំងអស់ ដំណាក់កាលបច្ចុប្បន្ន និងវឌ្ឍនភាពសរុប។";
    ColRci => "RCI", "មណ្ឌល";
    ColProvince => "Province", "រាជធានី/ខេត្ត";
    ColStage => "Current stage", "ដំណាក់កាលបច្ចុប្បន្ន";
    ColProgress => "Overall progress", "វឌ្ឍនភាពសរុប";
    ColRisks => "Risks", "ហានិភ័យ";
    FilterProvince => "Province", "រាជធានី/ខេត្ត";
    AllProvinces => "All provinces", "រាជធានី/ខេត្តទាំងអស់";
    SortBy => "Sort by", "តម្រៀបតាម";
    SortName => "Name", "ឈ្មោះ";
    SortProgress => "Progress (highest first)", "វឌ្ឍនភាព (ខ្ពស់បំផុតមុន)";
    SortStage => "Stage (furthest first)", "ដំណាក់កាល (ជឿនលឿនបំផុតមុន)";
    Apply => "Apply", "អនុវត្ត";
    ShowingCount => "RCIs shown", "មណ្ឌលដែលបង្ហាញ";
    NoPartners => "No partner RCIs yet.", "មិនទាន់មានមណ្ឌលដៃគូនៅឡើយទេ។";
    NoPartnersMatch => "No partner RCI matches these filters.", "គ្មានមណ្ឌលដៃគូណាត្រូវនឹងតម្រងទាំងនេះទេ។";
    Loading => "Loading…", "កំពុងផ្ទុក…";
    NotFound => "Not found. The page or RCI does not exist, or you may not see it.",
        "រកមិនឃើញ។ ទំព័រ ឬមណ្ឌលនេះមិនមាន ឬអ្នកមិនមានសិទ្ធិមើល។";
    ServerProblem => "Something went wrong on the server. Please try again.",
        "មានបញ្ហានៅលើម៉ាស៊ីនមេ។ សូមព្យាយាមម្តងទៀត។";
    MalformedRequest => "The request does not match this form. Reload the page and try again.",
        "សំណើនេះមិនត្រូវនឹងទម្រង់នេះទេ។ សូមផ្ទុកទំព័រឡើងវិញ ហើយព្យាយាមម្តងទៀត។";
    Busy => "The server is busy. Please try again in a moment.",
        "ម៉ាស៊ីនមេកំពុងរវល់។ សូមព្យាយាមម្តងទៀតបន្តិចក្រោយ។";
    TooLarge => "The request is too large.", "សំណើនេះធំពេក។";
    NotAForm => "The request is not a form this site sends.", "សំណើនេះមិនមែនជាទម្រង់ដែលគេហទំព័រនេះផ្ញើទេ។";
    NotUtf8 => "The request holds text that is not valid UTF-8.", "សំណើនេះមានអត្ថបទដែលមិនមែនជា UTF-8 ត្រឹមត្រូវ។";
    RepeatedField => "The request sends the same field twice.", "សំណើនេះផ្ញើប្រអប់ដដែលពីរដង។";
    TooManyTries => "Too many password tries from this address. Wait a minute and try again.",
        "ការសាកល្បងពាក្យសម្ងាត់ច្រើនពេកពីអាសយដ្ឋាននេះ។ សូមរង់ចាំមួយនាទី ហើយព្យាយាមម្តងទៀត។";
    RemoveAssignment => "Remove assigned RCI", "ដកមណ្ឌលដែលបានចាត់តាំងចេញ";
    SignInChecking => "Being checked", "កំពុងពិនិត្យ";
    AdviserAdminOnly => "Only an administrator changes the lead adviser (who may edit this RCI).",
        "មានតែអ្នកគ្រប់គ្រងប្រព័ន្ធទេ ដែលអាចប្តូរទីប្រឹក្សាដឹកនាំ (អ្នកដែលអាចកែសម្រួលមណ្ឌលនេះ)។";
    ChangesTitle => "Changes", "ការកែប្រែ";
    NavChanges => "Changes", "ការកែប្រែ";
    NavApiTokens => "API tokens", "សោ API";
    ApiTokensTitle => "API tokens for dashboards", "សោ API សម្រាប់ផ្ទាំងព័ត៌មាន";
    ApiTokensIntro => "A dashboard reads partners' figures through the read-only API with a token: every partner, or only the RCIs you choose. Notes and evidence are never shared.",
        "ផ្ទាំងព័ត៌មានអានតួលេខរបស់ដៃគូតាមរយៈ API សម្រាប់តែអាន ដោយប្រើសោមួយ៖ ដៃគូទាំងអស់ ឬតែមណ្ឌលដែលអ្នកជ្រើសរើស។ កំណត់ចំណាំ និងភស្តុតាងមិនត្រូវបានចែករំលែកឡើយ។";
    ApiDescription => "The API's description (OpenAPI)", "ការពិពណ៌នាអំពី API (OpenAPI)";
    ApiTokenOnce => "Copy this token now and give it to the dashboard: it is not shown again.",
        "សូមចម្លងសោនេះឥឡូវនេះ ហើយផ្តល់ឱ្យផ្ទាំងព័ត៌មាន៖ វានឹងមិនបង្ហាញម្តងទៀតទេ។";
    ApiTokenRevoked => "Token revoked: it answers nothing from now on.", "សោត្រូវបានដកហូត៖ ចាប់ពីពេលនេះ វាមិនឆ្លើយតបអ្វីទៀតទេ។";
    NewApiToken => "New token", "សោថ្មី";
    ApiTokenName => "What it is for", "ប្រើសម្រាប់អ្វី";
    ApiTokenReads => "May read", "អាចអាន";
    EveryPartner => "Every partner", "ដៃគូទាំងអស់";
    OnlyTheseRcis => "Only these RCIs:", "តែមណ្ឌលទាំងនេះ៖";
    NoApiTokens => "No tokens yet. A dashboard needs one to read the API.", "មិនទាន់មានសោនៅឡើយទេ។ ផ្ទាំងព័ត៌មានត្រូវការសោមួយដើម្បីអាន API។";
    CreatedBy => "Created by", "បង្កើតដោយ";
    LastUsed => "Last used", "ប្រើចុងក្រោយ";
    NeverUsed => "Never", "មិនដែល";
    RevokedOn => "Revoked", "បានដកហូត";
    Revoke => "Revoke", "ដកហូត";
    ChangedBy => "Changed by", "កែប្រែដោយ";
    Anyone => "Anyone", "នរណាក៏បាន";
    ChangeKind => "Kind", "ប្រភេទ";
    AnyKind => "Any kind", "គ្រប់ប្រភេទ";
    FromDate => "From", "ពី";
    ToDate => "To", "ដល់";
    HistoryProgramme => "Programme", "កម្មវិធី";
    HistoryTour => "Study tour", "ទស្សនកិច្ចសិក្សា";
    HistoryTraining => "Training", "វគ្គបណ្តុះបណ្តាល";
    HistoryUser => "Account", "គណនី";
    HistoryPassword => "Password", "ពាក្យសម្ងាត់";
    PasswordOneTime => "one-time password set", "បានកំណត់ពាក្យសម្ងាត់ប្រើម្តង";
    PasswordChosen => "chosen by its owner", "ជ្រើសរើសដោយម្ចាស់";
    Organisations => "Organisations", "អង្គការ";
    ActiveAccount => "Active", "សកម្ម";
    AssignedRcis => "Assigned RCIs", "មណ្ឌលដែលបានចាត់តាំង";
    BackToPartners => "All partners", "ដៃគូទាំងអស់";
    Completed => "Transition completed", "ការផ្លាស់ប្តូរបានបញ្ចប់";
    StageN => "Stage", "ដំណាក់កាល";
    DaysInStage => "days in this stage", "ថ្ងៃក្នុងដំណាក់កាលនេះ";
    TransitionStarted => "Transition started", "ការផ្លាស់ប្តូរបានចាប់ផ្តើម";
    District => "District", "ក្រុង/ស្រុក/ខណ្ឌ";
    OfDone => "{done} done of {total}", "បានធ្វើរួច {done} ក្នុងចំណោម {total}";
    ShowOnlyOpen => "Show only open items", "បង្ហាញតែចំណុចដែលមិនទាន់រួច";
    ShowAllItems => "Show all items", "បង្ហាញចំណុចទាំងអស់";
    SectionOverview => "Overview", "ទិដ្ឋភាពទូទៅ";
    SectionChecklist => "Checklist", "បញ្ជីត្រួតពិនិត្យ";
    SectionChildren => "Children", "កុមារ";
    SectionFollowUps => "Follow-ups", "ការតាមដាន";
    SectionActivities => "Activities", "សកម្មភាព";
    SectionHistory => "History", "ប្រវត្តិ";
    SectionsOfRci => "Sections of this RCI's page", "ផ្នែកនៃទំព័រមណ្ឌលនេះ";
    DueNext => "Due next", "ត្រូវធ្វើបន្ទាប់";
    NothingDue => "Nothing is due: every stage is complete and no visit or action is waiting.",
        "គ្មានអ្វីត្រូវធ្វើទេ៖ ដំណាក់កាលទាំងអស់បានបញ្ចប់ ហើយគ្មានការចុះតាមដាន ឬសកម្មភាពណាកំពុងរង់ចាំទេ។";
    OpenChecklist => "Open the checklist", "បើកបញ្ជីត្រួតពិនិត្យ";
    StageComplete => "complete", "បានបញ្ចប់";
    ProgrammesInActivities => "This stage's community programmes are listed under Activities.",
        "កម្មវិធីសហគមន៍នៃដំណាក់កាលនេះមាននៅក្នុងផ្នែកសកម្មភាព។";
    NewerChanges => "Newer changes", "ការកែប្រែថ្មីជាង";
    OlderChanges => "Older changes", "ការកែប្រែចាស់ជាង";
    PageN => "Page", "ទំព័រ";
    OfTotal => "of", "នៃ";
    PreviousPage => "Previous page", "ទំព័រមុន";
    NextPage => "Next page", "ទំព័របន្ទាប់";
    PagesOfPartners => "Pages of partners", "ទំព័រនៃមណ្ឌលដៃគូ";
    NothingOpen => "Every item in this stage is done or does not apply.", "ចំណុចទាំងអស់ក្នុងដំណាក់កាលនេះបានធ្វើរួច ឬមិនពាក់ព័ន្ធ។";
    StatusNotStarted => "Not started", "មិនទាន់ចាប់ផ្តើម";
    StatusInProgress => "In progress", "កំពុងដំណើរការ";
    StatusDone => "Done", "រួចរាល់";
    StatusNotApplicable => "Not applicable", "មិនពាក់ព័ន្ធ";
    StatusBlocked => "Blocked", "ជាប់គាំង";
    Evidence => "Evidence", "ភស្តុតាង";
    Responsible => "Responsible", "អ្នកទទួលខុសត្រូវ";
    ItemOwner => "Whose step", "ចំណុចរបស់អ្នកណា";
    OwnerAdviser => "The adviser's", "របស់ទីប្រឹក្សា";
    OwnerDirector => "The director's", "របស់នាយកមណ្ឌល";
    OwnerNamed => "The person named as responsible", "របស់អ្នកទទួលខុសត្រូវដែលបានដាក់ឈ្មោះ";
    DueOn => "Due on", "ត្រូវធ្វើនៅថ្ងៃ";
    UpdatedBy => "Updated by", "ធ្វើបច្ចុប្បន្នភាពដោយ";
    Guidance => "Guidance", "ការណែនាំ";
    Reason => "Reason", "មូលហេតុ";
    CustomItem => "Added for this RCI", "បន្ថែមសម្រាប់មណ្ឌលនេះ";
    RiskNoPlan => "No reintegration plan", "គ្មានផែនការសមាហរណកម្ម";
    RiskNoBudget => "No reintegration budget", "គ្មានថវិកាសមាហរណកម្ម";
    RiskStalled => "Stalled: no update for", "ជាប់គាំង៖ គ្មានបច្ចុប្បន្នភាពរយៈពេល";
    RiskFollowUps => "Follow-ups overdue by", "ការតាមដានហួសកាលកំណត់";
    Days => "days", "ថ្ងៃ";
    Day => "day", "ថ្ងៃ";
    NoRisks => "No risks flagged", "គ្មានហានិភ័យ";
    ChildrenTitle => "Children", "កុមារ";
    CountsAsOf => "Counts as of", "ចំនួនគិតត្រឹម";
    NoCounts => "No children counts recorded yet.", "មិនទាន់មានការកត់ត្រាចំនួនកុមារនៅឡើយទេ។";
    CountBaseline => "In care at the start", "ចំនួនដំបូង";
    CountAdmissions => "Admitted since", "ទទួលចូលបន្ទាប់មក";
    CountAssessed => "Assessed", "បានវាយតម្លៃ";
    CountTraced => "Family traced", "បានស្វែងរកគ្រួសារ";
    CountPrepared => "Prepared", "បានរៀបចំ";
    CountReintegrated => "Reintegrated", "បានធ្វើសមាហរណកម្ម";
    CountStillInCare => "Still in care", "នៅតែក្នុងការថែទាំ";
    PlacementBirthFamily => "Birth family", "គ្រួសារបង្កើត";
    PlacementKinship => "Kinship care", "ការថែទាំដោយសាច់ញាតិ";
    PlacementFoster => "Foster care", "ការថែទាំដោយឪពុកម្តាយធម៌";
    PlacementIndependent => "Independent living", "ការរស់នៅដោយឯករាជ្យ";
    PlacementLongTerm => "Referred to long-term care", "បញ្ជូនទៅការថែទាំរយៈពេលវែង";
    FemaleShort => "F", "ស្រី";
    ColTotal => "Total", "សរុប";
    ColGirls => "Girls", "ស្រី";
    Edit => "Edit", "កែសម្រួល";
    Status => "Status", "ស្ថានភាព";
    DoneOn => "Date done", "កាលបរិច្ឆេទបានធ្វើរួច";
    Save => "Save", "រក្សាទុក";
    Saved => "Saved.", "បានរក្សាទុក។";
    SignInAgain => "Please sign in again.", "សូមចូលប្រើម្តងទៀត។";
    NotAllowed => "You may see this but not change it.", "អ្នកអាចមើលបាន ប៉ុន្តែមិនអាចកែប្រែបានទេ។";
    ConflictIntro => "Not saved: someone else changed this since you opened the page. Their version:",
        "មិនបានរក្សាទុក៖ មានអ្នកផ្សេងបានកែប្រែវា ចាប់តាំងពីអ្នកបានបើកទំព័រ។ កំណែរបស់ពួកគេ៖";
    SignIn => "Sign in", "ចូលប្រើ";
    SignOut => "Sign out", "ចាកចេញ";
    LoginName => "Login", "ឈ្មោះចូលប្រើ";
    Password => "Password", "ពាក្យសម្ងាត់";
    LoginWrong => "Login or password is wrong.", "ឈ្មោះចូលប្រើ ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវ។";
    LoginLocked => "Too many failed sign-ins for this account. Try again in 15 minutes.",
        "ការចូលប្រើបរាជ័យច្រើនដងពេកសម្រាប់គណនីនេះ។ សូមព្យាយាមម្តងទៀតក្រោយ 15 នាទីទៀត។";
    LoginDisabled => "This account is disabled. Ask your administrator.", "គណនីនេះត្រូវបានបិទ។ សូមសួរអ្នកគ្រប់គ្រងរបស់អ្នក។";
    NavUsers => "Users", "អ្នកប្រើប្រាស់";
    UsersTitle => "Users and access", "អ្នកប្រើប្រាស់ និងសិទ្ធិចូលប្រើ";
    NewUser => "New user", "អ្នកប្រើប្រាស់ថ្មី";
    DisplayName => "Name", "ឈ្មោះ";
    Role => "Role", "តួនាទី";
    RciForRole => "RCI (director's own, or adviser's assigned)", "មណ្ឌល (របស់នាយក ឬដែលបានចាត់ឱ្យទីប្រឹក្សា)";
    Create => "Create", "បង្កើត";
    Actions => "Actions", "សកម្មភាព";
    Inactive => "Inactive", "អសកម្ម";
    ResetPassword => "Reset password", "កំណត់ពាក្យសម្ងាត់ឡើងវិញ";
    Deactivate => "Deactivate", "បិទដំណើរការ";
    Activate => "Activate", "បើកដំណើរការ";
    OneTimePassword => "One-time password (shown once, give it to the user):", "ពាក្យសម្ងាត់ប្រើតែម្តង (បង្ហាញតែម្តង សូមផ្តល់ឱ្យអ្នកប្រើប្រាស់)៖";
    RoleAdmin => "Administrator", "អ្នកគ្រប់គ្រង";
    RoleAdviser => "Transition adviser", "ទីប្រឹក្សាការផ្លាស់ប្តូរ";
    RoleDirector => "RCI director", "នាយកមណ្ឌល";
    RoleViewer => "Viewer", "អ្នកមើល";
    ChangePassword => "Choose your password", "ជ្រើសរើសពាក្យសម្ងាត់របស់អ្នក";
    ChangePasswordIntro => "Your password was set by an administrator. Choose your own (at least 10 characters) to go on.",
        "ពាក្យសម្ងាត់របស់អ្នកត្រូវបានកំណត់ដោយអ្នកគ្រប់គ្រង។ សូមជ្រើសរើសពាក្យសម្ងាត់ផ្ទាល់ខ្លួន (យ៉ាងហោចណាស់ 10 តួអក្សរ) ដើម្បីបន្ត។";
    CurrentPassword => "Current password", "ពាក្យសម្ងាត់បច្ចុប្បន្ន";
    NewPassword => "New password", "ពាក្យសម្ងាត់ថ្មី";
    ConfirmPassword => "New password again", "ពាក្យសម្ងាត់ថ្មីម្តងទៀត";
    PasswordsDiffer => "The two new passwords are not the same.", "ពាក្យសម្ងាត់ថ្មីទាំងពីរមិនដូចគ្នាទេ។";
    CurrentPasswordWrong => "The current password is wrong.", "ពាក្យសម្ងាត់បច្ចុប្បន្នមិនត្រឹមត្រូវទេ។";
    PasswordChanged => "Password changed. Sign in with your new password.", "បានប្តូរពាក្យសម្ងាត់។ សូមចូលប្រើដោយពាក្យសម្ងាត់ថ្មីរបស់អ្នក។";
    Commune => "Commune", "ឃុំ/សង្កាត់";
    Director => "Director", "នាយក";
    Contact => "Contact", "ទំនាក់ទំនង";
    MosvyRegistration => "MoSVY registration number", "លេខចុះបញ្ជីក្រសួងសង្គមកិច្ច";
    MosvyRegisteredOn => "Registered with MoSVY on", "ចុះបញ្ជីជាមួយក្រសួងសង្គមកិច្ចនៅ";
    Adviser => "Transition adviser", "ទីប្រឹក្សាការផ្លាស់ប្តូរ";
    TransitionTarget => "Target date for the transition", "កាលបរិច្ឆេទគោលដៅនៃការផ្លាស់ប្តូរ";
    ReintegrationPlan => "Reintegration plan exists", "មានផែនការសមាហរណកម្ម";
    ReintegrationBudget => "Reintegration budget exists", "មានថវិកាសមាហរណកម្ម";
    Yes => "Yes", "បាទ/ចាស";
    No => "No", "ទេ";
    NameEn => "Name (English)", "ឈ្មោះ (អង់គ្លេស)";
    NameKm => "Name (Khmer)", "ឈ្មោះ (ខ្មែរ)";
    EditProfile => "Edit profile", "កែសម្រួលព័ត៌មានមណ្ឌល";
    ProfileSaved => "Profile saved.", "បានរក្សាទុកព័ត៌មានមណ្ឌល។";
    NewRci => "New partner RCI", "មណ្ឌលដៃគូថ្មី";
    NewRciIntro => "The new partner starts with the organisation's checklist for every stage.", "មណ្ឌលដៃគូថ្មីចាប់ផ្តើមជាមួយបញ្ជីត្រួតពិនិត្យរបស់អង្គការសម្រាប់គ្រប់ដំណាក់កាល។";
    ItemSaved => "Checklist item saved.", "បានរក្សាទុកចំណុចក្នុងបញ្ជីត្រួតពិនិត្យ។";
    SavedAs => "Saved just now:", "ទើបតែរក្សាទុក៖";
    ItemHidden => "Item hidden: it is kept and no longer counts towards progress.", "បានលាក់ចំណុច៖ វានៅតែរក្សាទុក ហើយលែងរាប់ក្នុងវឌ្ឍនភាព។";
    ItemShown => "Item shown again.", "បានបង្ហាញចំណុចវិញ។";
    ItemAdded => "Item added.", "បានបន្ថែមចំណុច។";
    SignOffRequestedSaved => "Sign-off asked for: an admin will check the stage.", "បានស្នើសុំការអនុម័ត៖ អ្នកគ្រប់គ្រងនឹងពិនិត្យដំណាក់កាលនេះ។";
    SignOffApprovedSaved => "Stage signed off.", "ដំណាក់កាលត្រូវបានអនុម័ត។";
    SignOffReturnedSaved => "Stage returned with your note.", "ដំណាក់កាលត្រូវបានបញ្ជូនត្រឡប់ជាមួយកំណត់ចំណាំរបស់អ្នក។";
    NotAStage => "sign-off is for the five stages only", "ការអនុម័តគឺសម្រាប់តែដំណាក់កាលទាំងប្រាំប៉ុណ្ណោះ";
    ReadyForSignOff => "Every item is done: ask an admin to sign this stage off.", "ចំណុចទាំងអស់បានធ្វើរួច៖ សូមស្នើអ្នកគ្រប់គ្រងឱ្យអនុម័តដំណាក់កាលនេះ។";
    AskForSignOff => "Ask for sign-off", "ស្នើសុំការអនុម័ត";
    AwaitingSignOff => "awaiting sign-off", "កំពុងរង់ចាំការអនុម័ត";
    AskedForSignOff => "asked", "បានស្នើ";
    SignOffReturnedWord => "sign-off returned", "ការអនុម័តត្រូវបានបញ្ជូនត្រឡប់";
    SignedOff => "signed off", "បានអនុម័ត";
    SignOffWithdrawn => "withdrawn (the stage was reopened)", "បានដកវិញ (ដំណាក់កាលត្រូវបានបើកឡើងវិញ)";
    SignOffField => "Sign-off", "ការអនុម័ត";
    SignOffOf => "Sign-off of", "ការអនុម័ត";
    HistorySignOff => "Stage sign-off", "ការអនុម័តដំណាក់កាល";
    WhatIsMissing => "What is missing", "អ្វីដែលខ្វះ";
    SignOffButton => "Sign off", "អនុម័ត";
    ReturnStage => "Return with this note", "បញ្ជូនត្រឡប់ជាមួយកំណត់ចំណាំនេះ";
    OnDay => "on", "នៅថ្ងៃ";
    AttachFile => "Attach a file", "ភ្ជាប់ឯកសារ";
    FileToAttach => "File (PDF, JPEG or PNG, up to 10 MB)", "ឯកសារ (PDF, JPEG ឬ PNG មិនលើស 10 MB)";
    NeverAChildsPhoto => "Evidence only: a signed document, a form, a building. Never a photo of a child. A photo's place and camera details are removed.", "សម្រាប់ភស្តុតាងប៉ុណ្ណោះ៖ ឯកសារដែលបានចុះហត្ថលេខា ទម្រង់ អគារ។ កុំដាក់រូបថតកុមារជាដាច់ខាត។ ទីតាំង និងព័ត៌មានកាមេរ៉ារបស់រូបថតត្រូវបានលុបចេញ។";
    Attach => "Attach", "ភ្ជាប់";
    FileAttached => "File attached.", "បានភ្ជាប់ឯកសារ។";
    HistoryEvidenceFile => "Evidence file", "ឯកសារភស្តុតាង";
    HistoryApiToken => "API token", "សោ API";
    FileField => "File", "ឯកសារ";
    FileTypeField => "File type", "ប្រភេទឯកសារ";
    SizeField => "Size (bytes)", "ទំហំ (បៃ)";
    ByPerson => "by", "ដោយ";
    HistoryAdded => "Added", "បានបន្ថែម";
    HideItem => "Hide (does not apply)", "លាក់ (មិនពាក់ព័ន្ធ)";
    ShowItem => "Show again", "បង្ហាញវិញ";
    HiddenItems => "Hidden items", "ចំណុចដែលបានលាក់";
    AddItem => "Add an item to this stage", "បន្ថែមចំណុចទៅដំណាក់កាលនេះ";
    ItemTitleEn => "Title (English)", "ចំណងជើង (អង់គ្លេស)";
    ItemTitleKm => "Title (Khmer, optional)", "ចំណងជើង (ខ្មែរ ស្រេចចិត្ត)";
    Add => "Add", "បន្ថែម";
    RecordCounts => "Record new counts", "កត់ត្រាចំនួនថ្មី";
    CountsDate => "Counts as of", "ចំនួនគិតត្រឹម";
    CountsSaved => "Children counts saved.", "បានរក្សាទុកចំនួនកុមារ។";
    CountsOverTime => "Children reintegrated and still in care over time", "កុមារដែលបានធ្វើសមាហរណកម្ម និងនៅក្នុងមណ្ឌល តាមពេលវេលា";
    FollowUpsTitle => "Follow-up visits", "ការចុះតាមដាន";
    NextFollowUpDue => "Next follow-up due:", "ការតាមដានបន្ទាប់ត្រូវធ្វើនៅ៖";
    NoFollowUps => "No follow-up visits recorded yet.", "មិនទាន់មានការចុះតាមដានត្រូវបានកត់ត្រានៅឡើយទេ។";
    ChildrenVisited => "children visited", "កុមារដែលបានជួប";
    VisitedBy => "Visited by", "អ្នកចុះតាមដាន";
    VisitedByNgo => "NGO staff", "បុគ្គលិកអង្គការ";
    VisitedByDosvy => "DoSVY", "មន្ទីរសង្គមកិច្ច";
    VisitedByLocal => "Local authority", "អាជ្ញាធរមូលដ្ឋាន";
    VisitHow => "How", "របៀប";
    ModeVisit => "Visit", "ចុះជួបផ្ទាល់";
    ModePhone => "Phone call", "ទូរស័ព្ទ";
    VisitDate => "Date of the visit", "កាលបរិច្ឆេទចុះតាមដាន";
    Notes => "Notes", "កំណត់ចំណាំ";
    AddFollowUp => "Record a follow-up visit", "កត់ត្រាការចុះតាមដាន";
    FollowUpSaved => "Follow-up visit saved.", "បានរក្សាទុកការចុះតាមដាន។";
    HistoryTitle => "History of changes", "ប្រវត្តិនៃការកែប្រែ";
    HistoryEmpty => "No changes recorded yet.", "មិនទាន់មានការកែប្រែត្រូវបានកត់ត្រានៅឡើយទេ។";
    HistoryProfile => "Profile", "ព័ត៌មានមណ្ឌល";
    HistoryItem => "Checklist", "បញ្ជីត្រួតពិនិត្យ";
    HistoryCounts => "Counts", "ចំនួនកុមារ";
    HistoryFollowUp => "Follow-up", "ការតាមដាន";
    HistoryPlacement => "Placement", "ការដាក់ឱ្យនៅ";
    AgeUnderFive => "0–4 years", "0–4 ឆ្នាំ";
    AgeFiveToEleven => "5–11 years", "5–11 ឆ្នាំ";
    AgeTwelveToSeventeen => "12–17 years", "12–17 ឆ្នាំ";
    AgeAdult => "18 or over", "18 ឆ្នាំ ឬលើស";
    OutcomeStable => "Stable", "មានស្ថិរភាព";
    OutcomeAtRisk => "At risk", "មានហានិភ័យ";
    OutcomeBrokeDown => "Broke down: moved to another family placement", "បរាជ័យ៖ បានផ្លាស់ទៅការដាក់ឱ្យនៅជាមួយគ្រួសារផ្សេង";
    OutcomeReEntered => "Returned to residential care", "បានត្រឡប់ទៅការថែទាំតាមមណ្ឌលវិញ";
    OutcomeClosed => "Closed: goals met", "បានបិទ៖ សម្រេចគោលដៅ";
    PlacementsTitle => "Placements followed", "ការដាក់ឱ្យនៅដែលកំពុងតាមដាន";
    TransformationTitle => "The organisation changing", "ការផ្លាស់ប្តូររបស់ស្ថាប័ន";
    TransformationIntro => "Staff, buildings and money moved from residential care to family-based care.", "បុគ្គលិក អគារ និងថវិកា ដែលផ្លាស់ពីការថែទាំតាមមណ្ឌលទៅការថែទាំផ្អែកលើគ្រួសារ។";
    StaffRetrained => "Staff retrained", "បុគ្គលិកបានបណ្តុះបណ្តាលឡើងវិញ";
    StaffRedeployed => "Staff redeployed to family-based services", "បុគ្គលិកផ្ទេរទៅសេវាផ្អែកលើគ្រួសារ";
    StaffLeft => "Staff who left", "បុគ្គលិកដែលបានចាកចេញ";
    AssetsRepurposed => "Assets repurposed", "ទ្រព្យដែលប្តូរការប្រើប្រាស់";
    FundingRedirected => "Funding redirected", "ថវិកាដែលបានបង្វែរ";
    StaffTitle => "Staff", "បុគ្គលិក";
    AssetsTitle => "Buildings and assets", "អគារ និងទ្រព្យ";
    FundingTitle => "Funding", "ថវិកា";
    NoStaffChanges => "No staff change recorded yet.", "មិនទាន់បានកត់ត្រាការផ្លាស់ប្តូរបុគ្គលិកនៅឡើយទេ។";
    NoAssetChanges => "No repurposed asset recorded yet.", "មិនទាន់មានទ្រព្យដែលប្តូរការប្រើប្រាស់នៅឡើយទេ។";
    NoFundingChanges => "No redirected funding recorded yet.", "មិនទាន់មានថវិកាដែលបានបង្វែរនៅឡើយទេ។";
    AddStaffChange => "Record a staff change", "កត់ត្រាការផ្លាស់ប្តូរបុគ្គលិក";
    AddAssetChange => "Record a repurposed asset", "កត់ត្រាទ្រព្យដែលប្តូរការប្រើប្រាស់";
    AddFundingChange => "Record redirected funding", "កត់ត្រាថវិកាដែលបានបង្វែរ";
    ChangeDate => "Date", "កាលបរិច្ឆេទ";
    StaffMoveLabel => "What changed", "អ្វីដែលបានផ្លាស់ប្តូរ";
    StaffCount => "Staff", "បុគ្គលិក";
    AssetWas => "What it was", "អ្វីដែលវាធ្លាប់ជា";
    AssetNow => "What it is now", "អ្វីដែលវាជាឥឡូវ";
    Donor => "Donor", "ម្ចាស់ជំនួយ";
    Amount => "Amount (whole units)", "ចំនួនទឹកប្រាក់ (ឯកតាគត់)";
    Currency => "Currency", "រូបិយប័ណ្ណ";
    FundingFrom => "Paid for before", "ធ្លាប់ចំណាយលើ";
    FundingTo => "Pays for now", "ឥឡូវចំណាយលើ";
    ResidentialCare => "residential care", "ការថែទាំតាមមណ្ឌល";
    CurrencyUsd => "USD", "ដុល្លារ";
    CurrencyKhr => "KHR", "រៀល";
    StaffMoveRetrained => "Retrained", "បណ្តុះបណ្តាលឡើងវិញ";
    StaffMoveRedeployed => "Redeployed to family-based services", "ផ្ទេរទៅសេវាផ្អែកលើគ្រួសារ";
    StaffMoveLeft => "Left", "បានចាកចេញ";
    AssetCommunityCentre => "Community centre", "មជ្ឈមណ្ឌលសហគមន៍";
    AssetDayCare => "Day care", "ថែទាំពេលថ្ងៃ";
    AssetTransitHome => "Transit home", "ផ្ទះស្នាក់នៅបណ្តោះអាសន្ន";
    AssetSchool => "School", "សាលារៀន";
    AssetOffice => "Office", "ការិយាល័យ";
    AssetReturnedToOwner => "Returned to its owner", "ប្រគល់ជូនម្ចាស់វិញ";
    AssetSold => "Sold", "បានលក់";
    AssetOther => "Other use", "ការប្រើប្រាស់ផ្សេងទៀត";
    StaffChangeSaved => "Staff change saved.", "ការផ្លាស់ប្តូរបុគ្គលិកត្រូវបានរក្សាទុក។";
    AssetChangeSaved => "Repurposed asset saved.", "ទ្រព្យដែលប្តូរការប្រើប្រាស់ត្រូវបានរក្សាទុក។";
    FundingChangeSaved => "Redirected funding saved.", "ថវិកាដែលបានបង្វែរត្រូវបានរក្សាទុក។";
    HistoryStaff => "Staff", "បុគ្គលិក";
    HistoryAsset => "Asset", "ទ្រព្យ";
    HistoryFunding => "Funding", "ថវិកា";
    HistoryTarget => "Target", "គោលដៅ";
    TargetsTitle => "Targets", "គោលដៅ";
    NoTargets => "No target set yet.", "មិនទាន់បានកំណត់គោលដៅនៅឡើយទេ។";
    SetTarget => "Set a target", "កំណត់គោលដៅ";
    TargetGoal => "Goal", "ប្រភេទគោលដៅ";
    TargetPercent => "Percent of the baseline in family placements", "ភាគរយនៃចំនួនដំបូង ដែលរស់នៅក្នុងគ្រួសារ";
    TargetPercentHint => "Only for a family-placements goal.", "សម្រាប់តែគោលដៅរស់នៅក្នុងគ្រួសារប៉ុណ្ណោះ។";
    TargetStageHint => "Only for a stage goal.", "សម្រាប់តែគោលដៅដំណាក់កាលប៉ុណ្ណោះ។";
    TargetDue => "Target date", "កាលបរិច្ឆេទគោលដៅ";
    TargetBy => "by", "ត្រឹម";
    RemoveTarget => "Remove", "លុបចេញ";
    TargetFor => "Target for", "គោលដៅសម្រាប់";
    GoalFamilyPlacements => "A share of the baseline in family placements", "ចំណែកនៃចំនួនដំបូង ដែលរស់នៅក្នុងគ្រួសារ";
    GoalStageFinished => "A stage finished", "ដំណាក់កាលមួយបានបញ្ចប់";
    GoalCareClosed => "Residential care closed", "បិទការថែទាំតាមមណ្ឌល";
    TargetMissed => "Missed", "មិនបានសម្រេច";
    TargetOffTrack => "Off track", "យឺតយ៉ាវខ្លាំង";
    TargetAtRisk => "At risk", "ប្រឈមនឹងការយឺតយ៉ាវ";
    TargetOnTrack => "On track", "តាមគន្លង";
    TargetMet => "Met", "បានសម្រេច";
    TargetSaved => "Target saved.", "គោលដៅត្រូវបានរក្សាទុក។";
    TargetRemovedMsg => "Target removed.", "គោលដៅត្រូវបានលុបចេញ។";
    ColTargetsOnTrack => "Targets on track", "គោលដៅតាមគន្លង";
    ColTargetsOffTrack => "Targets off track", "គោលដៅយឺតយ៉ាវខ្លាំង";
    MeanTargetsOnTrack => "The partner's own targets on track or already met.", "គោលដៅផ្ទាល់របស់ដៃគូ ដែលតាមគន្លង ឬបានសម្រេចរួចហើយ។";
    MeanTargetsOffTrack => "The partner's own targets off track or missed.", "គោលដៅផ្ទាល់របស់ដៃគូ ដែលយឺតយ៉ាវខ្លាំង ឬមិនបានសម្រេច។";
    ProvincesTitle => "Provinces", "ខេត្ត";
    ProvincesIntro => "Each province's partners added together, and the targets set for the province.", "ដៃគូនៃខេត្តនីមួយៗ បូកបញ្ចូលគ្នា និងគោលដៅដែលបានកំណត់សម្រាប់ខេត្ត។";
    ColPartnersCount => "Partners", "ដៃគូ";
    MapTitle => "Partners on the map of Cambodia", "ដៃគូនៅលើផែនទីកម្ពុជា";
    MapShadedBy => "Shade by:", "បង្ហាញពណ៌តាម៖";
    MapSource => "Province outlines: Natural Earth (public domain); Tbong Khmum drawn along the Mekong, approximately.",
        "ព្រំប្រទល់ខេត្ត៖ Natural Earth (សាធារណៈ)។ ខេត្តត្បូងឃ្មុំ គូសតាមទន្លេមេគង្គ ប្រហាក់ប្រហែល។";
    ColInCare => "Children in care", "កុមារក្នុងមណ្ឌល";
    ColInFamilies => "In family placements", "រស់នៅក្នុងគ្រួសារ";
    ColTargetsMet => "Targets met", "គោលដៅបានសម្រេច";
    ProvinceTargets => "The province's targets", "គោលដៅរបស់ខេត្ត";
    AnyTarget => "Any target status", "ស្ថានភាពគោលដៅទាំងអស់";
    StaffChangeOn => "Staff change on", "ការផ្លាស់ប្តូរបុគ្គលិកនៅថ្ងៃ";
    ColStaffRedeployed => "Staff redeployed", "បុគ្គលិកបានផ្ទេរ";
    ColFundingUsd => "Funding redirected (USD)", "ថវិកាបានបង្វែរ (ដុល្លារ)";
    ColFundingKhr => "Funding redirected (KHR)", "ថវិកាបានបង្វែរ (រៀល)";
    MeanStaffRedeployed => "Staff moved into family-based services so far (the workbook adds how many were women).", "បុគ្គលិកដែលបានផ្ទេរទៅសេវាផ្អែកលើគ្រួសាររហូតមកដល់ពេលនេះ (សៀវភៅបញ្ជីបង្ហាញចំនួនស្ត្រីផងដែរ)។";
    MeanAssetsRepurposed => "Buildings and assets given a new use so far.", "អគារ និងទ្រព្យដែលបានប្តូរការប្រើប្រាស់រហូតមកដល់ពេលនេះ។";
    MeanFundingUsd => "Donors' money moved from residential care to family-based services, in whole US dollars (never converted from riel).", "ថវិកាម្ចាស់ជំនួយដែលបានបង្វែរពីការថែទាំតាមមណ្ឌលទៅសេវាផ្អែកលើគ្រួសារ ជាដុល្លារអាមេរិក (មិនប្តូរពីរៀលទេ)។";
    MeanFundingKhr => "Donors' money moved from residential care to family-based services, in whole riel (never converted from dollars).", "ថវិកាម្ចាស់ជំនួយដែលបានបង្វែរពីការថែទាំតាមមណ្ឌលទៅសេវាផ្អែកលើគ្រួសារ ជារៀល (មិនប្តូរពីដុល្លារទេ)។";
    PlacementsIntro => "Each reintegration, followed on its own: is the child staying home?", "សមាហរណកម្មនីមួយៗ ត្រូវបានតាមដានដាច់ដោយឡែក៖ តើកុមារនៅផ្ទះដែរឬទេ?";
    NoPlacements => "No placement recorded yet.", "មិនទាន់មានការដាក់ឱ្យនៅត្រូវបានកត់ត្រានៅឡើយទេ។";
    AddPlacement => "Record a reintegration", "កត់ត្រាសមាហរណកម្ម";
    CaseCode => "Case code", "លេខកូដករណី";
    CaseCodeHint => "A code, never a name. Keep the key from codes to children in the case file, never in Homeward. For example:", "ជាលេខកូដ មិនមែនឈ្មោះទេ។ រក្សាបញ្ជីផ្គូផ្គងលេខកូដទៅកុមារនៅក្នុងឯកសារករណី មិនមែនក្នុង Homeward ទេ។ ឧទាហរណ៍៖";
    ReintegratedOn => "Reintegrated on", "ថ្ងៃធ្វើសមាហរណកម្ម";
    PlacementKind => "Placement", "ការដាក់ឱ្យនៅ";
    AgeBandLabel => "Age (the youngest, for siblings)", "អាយុ (អ្នកក្មេងជាងគេ សម្រាប់បងប្អូន)";
    ChildrenPlaced => "Children", "កុមារ";
    RecordPlacementVisit => "Record a visit", "កត់ត្រាការចុះតាមដាន";
    HowIsItGoing => "How is it going?", "តើស្ថានភាពយ៉ាងដូចម្តេច?";
    AwaitingFirstVisit => "Awaiting its first visit", "កំពុងរង់ចាំការចុះតាមដានលើកដំបូង";
    PlacementSaved => "Placement saved.", "បានរក្សាទុកការដាក់ឱ្យនៅ។";
    PlacementVisitSaved => "Visit to the placement saved.", "បានរក្សាទុកការចុះតាមដានការដាក់ឱ្យនៅ។";
    PlacementsFollowed => "Followed", "កំពុងតាមដាន";
    PlacementsOverdue => "Visits overdue", "ការចុះតាមដានហួសកាលកំណត់";
    PlacementsAtRisk => "At risk", "មានហានិភ័យ";
    PlacementsBreakdowns => "Breakdowns", "ការបរាជ័យ";
    PlacementsReentries => "Returned to residential care", "បានត្រឡប់ទៅមណ្ឌលវិញ";
    ReentryRate => "12-month re-entry rate", "អត្រាត្រឡប់ចូលវិញក្នុង 12 ខែ";
    RateUnknown => "not known yet (no placement a year old)", "មិនទាន់ដឹង (គ្មានការដាក់ឱ្យនៅណាមានអាយុមួយឆ្នាំ)";
    RateOf => "{count} of {of}", "{count} ក្នុងចំណោម {of}";
    OverdueBy => "overdue by {days} days", "ហួសកាលកំណត់ {days} ថ្ងៃ";
    NextVisitDue => "next visit due", "ការចុះតាមដានបន្ទាប់";
    ProgrammesTitle => "Community programmes", "កម្មវិធីសហគមន៍";
    ProgrammesRunning => "running now", "កំពុងដំណើរការ";
    NoProgrammes => "No community programmes recorded yet.", "មិនទាន់មានកម្មវិធីសហគមន៍ត្រូវបានកត់ត្រានៅឡើយទេ។";
    AddProgramme => "Add a community programme", "បន្ថែមកម្មវិធីសហគមន៍";
    ProgrammeSaved => "Community programme saved.", "បានរក្សាទុកកម្មវិធីសហគមន៍។";
    ProgrammeKindLabel => "Kind of programme", "ប្រភេទកម្មវិធី";
    ProgParentingClub => "Parenting club", "ក្លឹបឪពុកម្តាយ";
    ProgYouthGroup => "Youth group", "ក្រុមយុវជន";
    ProgCareleavers => "Careleaver network", "បណ្តាញយុវជនដែលចាកចេញពីការថែទាំ";
    ProgRoleModels => "Community role models", "គំរូល្អក្នុងសហគមន៍";
    ProgSavings => "Savings or livelihood group", "ក្រុមសន្សំប្រាក់ ឬមុខរបរ";
    ProgOther => "Other", "ផ្សេងៗ";
    ProgStarting => "Starting", "កំពុងចាប់ផ្តើម";
    ProgActive => "Active", "សកម្ម";
    ProgPaused => "Paused", "ផ្អាក";
    ProgEnded => "Ended", "បានបញ្ចប់";
    Members => "members", "សមាជិក";
    SessionsPerQuarter => "sessions per quarter", "វគ្គក្នុងមួយត្រីមាស";
    StartedOn => "Started on", "ចាប់ផ្តើមនៅ";
    TookPartTitle => "Study tours and trainings", "ទស្សនកិច្ចសិក្សា និងវគ្គបណ្តុះបណ្តាល";
    PeopleTrained => "People trained so far:", "ចំនួនអ្នកដែលបានបណ្តុះបណ្តាលរហូតមកដល់ពេលនេះ៖";
    NothingTakenPart => "This RCI has not taken part in a study tour or training yet.", "មណ្ឌលនេះមិនទាន់បានចូលរួមទស្សនកិច្ចសិក្សា ឬវគ្គបណ្តុះបណ្តាលនៅឡើយទេ។";
    OverdueAction => "Follow-up action overdue", "សកម្មភាពតាមដានហួសកាលកំណត់";
    TourHosted => "Study tour, as host", "ទស្សនកិច្ចសិក្សា ជាម្ចាស់ផ្ទះ";
    TourVisited => "Study tour, visiting", "ទស្សនកិច្ចសិក្សា ជាមណ្ឌលដែលមកទស្សនកិច្ច";
    TrainingAttended => "Training", "វគ្គបណ្តុះបណ្តាល";
    ToursTitle => "Study tours", "ទស្សនកិច្ចសិក្សា";
    NavTours => "Study tours", "ទស្សនកិច្ចសិក្សា";
    Year => "Year", "ឆ្នាំ";
    AllYears => "All years", "គ្រប់ឆ្នាំ";
    AllRcis => "All RCIs", "មណ្ឌលទាំងអស់";
    NoTours => "No study tours match.", "គ្មានទស្សនកិច្ចសិក្សាត្រូវគ្នាទេ។";
    Hosts => "Hosts", "ម្ចាស់ផ្ទះ";
    Visitors => "Visiting", "មណ្ឌលដែលមកទស្សនកិច្ច";
    OpenActions => "Open follow-up actions", "សកម្មភាពតាមដានមិនទាន់បញ្ចប់";
    OwnNumbersOnly => "Only your RCI's people and follow-up actions are shown.",
        "បង្ហាញតែចំនួនអ្នកចូលរួម និងសកម្មភាពតាមដានរបស់មណ្ឌលរបស់អ្នកប៉ុណ្ណោះ។";
    SignInHistory => "Recent sign-ins", "ការចូលប្រើថ្មីៗ";
    When => "When (Phnom Penh time)", "ពេលវេលា (ម៉ោងភ្នំពេញ)";
    PhnomPenhTime => "(Phnom Penh time)", "(ម៉ោងភ្នំពេញ)";
    Outcome => "Outcome", "លទ្ធផល";
    SignInSuccess => "Signed in", "បានចូលប្រើ";
    SignInWrongPassword => "Wrong password", "ពាក្យសម្ងាត់ខុស";
    SignInUnknownLogin => "Unknown login", "ឈ្មោះចូលប្រើមិនស្គាល់";
    SignInLockedOut => "Locked out (too many failures)", "ត្រូវបានចាក់សោ (ខុសច្រើនដងពេក)";
    SignInDisabled => "Account disabled", "គណនីត្រូវបានបិទ";
    Address => "Address", "អាសយដ្ឋាន";
    NewTour => "Record a study tour", "កត់ត្រាទស្សនកិច្ចសិក្សា";
    TourSaved => "Study tour saved.", "បានរក្សាទុកទស្សនកិច្ចសិក្សា។";
    EditTour => "Edit this study tour", "កែសម្រួលទស្សនកិច្ចសិក្សានេះ";
    OrganisedWith => "Organised with", "រៀបចំជាមួយ";
    OtherOrganisations => "Other organisations (separate with commas)", "អង្គភាពផ្សេងទៀត (បំបែកដោយសញ្ញាក្បៀស)";
    WhoCame => "Who came", "អ្នកដែលបានមក";
    People => "People", "ចំនួនមនុស្ស";
    Women => "of whom women", "ក្នុងនោះស្ត្រី";
    Objectives => "Objectives", "គោលបំណង";
    Outcomes => "Outcomes", "លទ្ធផល";
    FollowUpActions => "Follow-up actions", "សកម្មភាពតាមដាន";
    NoActions => "No follow-up actions agreed.", "មិនមានសកម្មភាពតាមដានដែលបានព្រមព្រៀងទេ។";
    Action => "Action", "សកម្មភាព";
    Owner => "Owner RCI", "មណ្ឌលទទួលខុសត្រូវ";
    Due => "Due", "កាលកំណត់";
    Overdue => "Overdue", "ហួសកាលកំណត់";
    Title => "Title", "ចំណងជើង";
    StartsOn => "First day", "ថ្ងៃដំបូង";
    EndsOn => "Last day", "ថ្ងៃចុងក្រោយ";
    Location => "Location", "ទីតាំង";
    RoleDirectorPeople => "Directors", "នាយកមណ្ឌល";
    RoleStaffPeople => "Staff", "បុគ្គលិក";
    RoleBoardPeople => "Board members", "សមាជិកក្រុមប្រឹក្សាភិបាល";
    RoleOfficialPeople => "Government officials", "មន្ត្រីរាជការ";
    ActionOpen => "Open", "មិនទាន់ចាប់ផ្តើម";
    ActionInProgress => "In progress", "កំពុងដំណើរការ";
    ActionDone => "Done", "រួចរាល់";
    ChangedSinceOpened => "Not saved: someone else changed this since you opened the page.",
        "មិនបានរក្សាទុក៖ មានអ្នកផ្សេងបានកែប្រែវា ចាប់តាំងពីអ្នកបានបើកទំព័រ។";
    ReloadToSee => "Reload the page to see it, then make your change again.", "សូមផ្ទុកទំព័រឡើងវិញដើម្បីមើល រួចធ្វើការកែប្រែរបស់អ្នកម្តងទៀត។";
    Category => "Category", "ប្រភេទ";
    AllCategories => "All categories", "គ្រប់ប្រភេទ";
    DownloadCsv => "Download CSV", "ទាញយក CSV";
    TrainingsTitle => "Trainings", "វគ្គបណ្តុះបណ្តាល";
    NavTrainings => "Trainings", "វគ្គបណ្តុះបណ្តាល";
    NewTraining => "Record a training", "កត់ត្រាវគ្គបណ្តុះបណ្តាល";
    TrainingSaved => "Training saved.", "បានរក្សាទុកវគ្គបណ្តុះបណ្តាល។";
    EditTraining => "Edit this training", "កែសម្រួលវគ្គបណ្តុះបណ្តាលនេះ";
    NoTrainings => "No trainings match.", "គ្មានវគ្គបណ្តុះបណ្តាលត្រូវគ្នាទេ។";
    Dates => "Dates", "កាលបរិច្ឆេទ";
    Total => "Total", "សរុប";
    Trainers => "Trainers", "គ្រូបណ្តុះបណ្តាល";
    Scores => "Score before → after", "ពិន្ទុមុន → ក្រោយ";
    Venue => "Venue", "ទីកន្លែង";
    Participants => "Participants per RCI", "អ្នកចូលរួមតាមមណ្ឌល";
    PreScore => "Score before (%)", "ពិន្ទុមុន (%)";
    PostScore => "Score after (%)", "ពិន្ទុក្រោយ (%)";
    CatDirector => "Director training", "វគ្គបណ្តុះបណ្តាលនាយក";
    CatSocialWork => "Social work and case management", "ការងារសង្គមកិច្ច និងការគ្រប់គ្រងករណី";
    CatParenting => "Positive parenting", "ការចិញ្ចឹមកូនបែបវិជ្ជមាន";
    CatVocational => "Vocational training for RCI staff", "វគ្គជំនាញវិជ្ជាជីវៈសម្រាប់បុគ្គលិកមណ្ឌល";
    CatCoaching => "Onsite coaching", "ការបង្វឹកនៅនឹងកន្លែង";
    CatOther => "Other", "ផ្សេងៗ";
    RiskStalledShort => "Stalled", "ជាប់គាំង";
    RiskFollowUpsShort => "Follow-ups overdue", "ការតាមដានហួសកាលកំណត់";
    CompareTitle => "Compare partners", "ប្រៀបធៀបដៃគូ";
    NavCompare => "Compare", "ប្រៀបធៀប";
    CompareIntro => "Every partner's transition side by side. Click a column to sort; filters stay in the address, so a view can be bookmarked and shared.",
        "ការផ្លាស់ប្តូររបស់ដៃគូទាំងអស់ដាក់ប្រៀបធៀបគ្នា។ ចុចលើជួរឈរដើម្បីតម្រៀប។ តម្រងស្ថិតនៅក្នុងអាសយដ្ឋាន ដូច្នេះអាចរក្សាទុក និងចែករំលែកបាន។";
    AllAdvisers => "All advisers", "ទីប្រឹក្សាទាំងអស់";
    AllStages => "All stages", "គ្រប់ដំណាក់កាល";
    AnyRisk => "Any or none", "មាន ឬគ្មាន";
    DownloadXlsx => "Download Excel", "ទាញយក Excel";
    QuarterlyReport => "Quarterly report", "របាយការណ៍ប្រចាំត្រីមាស";
    ColBaselineReintegrated => "Children: baseline → reintegrated", "កុមារ៖ មូលដ្ឋាន → បានធ្វើសមាហរណកម្ម";
    ColFollowUpsOverdue => "Follow-ups overdue (days)", "ការតាមដានហួសកាលកំណត់ (ថ្ងៃ)";
    ColDaysSinceUpdate => "Days since last update", "ថ្ងៃចាប់តាំងពីបច្ចុប្បន្នភាពចុងក្រោយ";
    Mean => "mean", "មធ្យម";
    PartnersCounted => "partners", "ដៃគូ";
    PartnersFollowUpsOverdue => "Partners with follow-ups overdue", "ដៃគូដែលមានការតាមដានហួសកាលកំណត់";
    ChartStages => "Partner RCIs in each stage", "មណ្ឌលដៃគូក្នុងដំណាក់កាលនីមួយៗ";
    ChartPerQuarter => "Children reintegrated per quarter, by placement", "កុមារដែលបានធ្វើសមាហរណកម្មក្នុងមួយត្រីមាស តាមការទុកដាក់កុមារ";
    ChartReentries => "placements returned to residential care", "ការដាក់ឱ្យនៅដែលបានត្រឡប់ទៅមណ្ឌលវិញ";
    RiskPlacementVisitsShort => "Placement visits overdue", "ការចុះតាមដានករណីហួសកាលកំណត់";
    RiskPlacementVisits => "Visits overdue for placements:", "ការចុះតាមដានហួសកាលកំណត់ ចំនួនការដាក់ឱ្យនៅ៖";
    RiskReentryShort => "Re-entry rate high", "អត្រាត្រឡប់ចូលវិញខ្ពស់";
    RiskReentry => "Re-entry rate in 12 months:", "អត្រាត្រឡប់ចូលមណ្ឌលវិញក្នុង 12 ខែ៖";
    RiskMouExpiredShort => "Agreement with MoSVY expired", "កិច្ចព្រមព្រៀងជាមួយក្រសួងសង្គមកិច្ចផុតកំណត់";
    RiskMouExpired => "Agreement with MoSVY ended, days ago:", "កិច្ចព្រមព្រៀងជាមួយក្រសួងសង្គមកិច្ចបានបញ្ចប់ ចំនួនថ្ងៃមុន៖";
    RiskMouExpiringShort => "Agreement with MoSVY ending", "កិច្ចព្រមព្រៀងជាមួយក្រសួងសង្គមកិច្ចជិតផុតកំណត់";
    RiskMouExpiring => "Agreement with MoSVY ends in", "កិច្ចព្រមព្រៀងជាមួយក្រសួងសង្គមកិច្ចនឹងបញ្ចប់ក្នុងរយៈពេល";
    RiskInspectionShort => "Inspection overdue", "អធិការកិច្ចហួសកាលកំណត់";
    RiskInspection => "Inspection overdue by", "អធិការកិច្ចហួសកាលកំណត់";
    RiskImprovementsShort => "Improvements overdue", "ការកែលម្អហួសកាលកំណត់";
    RiskImprovements => "Improvements overdue by", "ការកែលម្អហួសកាលកំណត់";
    RegulationTitle => "Standing with MoSVY", "ស្ថានភាពជាមួយក្រសួងសង្គមកិច្ច";
    RegulationIntro => "Registration, the agreement with MoSVY or the provincial DoSVY, inspections and closure (Sub-decree 119).", "ការចុះបញ្ជី កិច្ចព្រមព្រៀងជាមួយក្រសួងសង្គមកិច្ច ឬមន្ទីរសង្គមកិច្ចខេត្ត អធិការកិច្ច និងការបិទ (អនុក្រឹត្យលេខ ១១៩)។";
    AgreementTitle => "Agreement (MoU)", "កិច្ចព្រមព្រៀង (អនុស្សរណៈ)";
    NoAgreement => "No agreement recorded yet.", "មិនទាន់បានកត់ត្រាកិច្ចព្រមព្រៀងនៅឡើយទេ។";
    AgreementWith => "Signed with", "ចុះហត្ថលេខាជាមួយ";
    SignedOn => "Signed on", "ថ្ងៃចុះហត្ថលេខា";
    ExpiresOn => "Expires on", "ថ្ងៃផុតកំណត់";
    AuthorityMosvy => "MoSVY", "ក្រសួងសង្គមកិច្ច";
    AuthorityDosvy => "DoSVY (provincial)", "មន្ទីរសង្គមកិច្ចខេត្ត";
    AddAgreement => "Record an agreement", "កត់ត្រាកិច្ចព្រមព្រៀង";
    InspectionsTitle => "Inspections", "អធិការកិច្ច";
    NoInspections => "No inspection recorded yet.", "មិនទាន់បានកត់ត្រាអធិការកិច្ចនៅឡើយទេ។";
    InspectionDate => "Inspection date", "ថ្ងៃអធិការកិច្ច";
    InspectedBy => "Inspected by", "អធិការកិច្ចដោយ";
    InspectionOutcomeLabel => "Outcome", "លទ្ធផល";
    ImprovementsDue => "Improvements due by", "ការកែលម្អត្រូវធ្វើរួចត្រឹម";
    ImprovementsDueHint => "Only when improvements are required or there are serious concerns.", "សម្រាប់តែពេលតម្រូវឱ្យកែលម្អ ឬមានកង្វល់ធ្ងន់ធ្ងរប៉ុណ្ណោះ។";
    OutcomeSatisfactory => "Satisfactory", "ពេញចិត្ត";
    OutcomeImprovements => "Improvements required", "តម្រូវឱ្យកែលម្អ";
    OutcomeSerious => "Serious concerns", "កង្វល់ធ្ងន់ធ្ងរ";
    AddInspection => "Record an inspection", "កត់ត្រាអធិការកិច្ច";
    ClosureTitle => "Closure", "ការបិទ";
    NoClosure => "No closure notice: the RCI still provides residential care.", "គ្មានការជូនដំណឹងបិទ៖ មណ្ឌលនៅតែផ្តល់ការថែទាំតាមមណ្ឌល។";
    NoticeDate => "Date of the notice", "ថ្ងៃជូនដំណឹង";
    ClosureKindLabel => "What it announces", "អ្វីដែលវាប្រកាស";
    ClosureClosed => "Residential care closed", "បិទការថែទាំតាមមណ្ឌល";
    ClosureCommunity => "Became a community service", "បានក្លាយជាសេវាសហគមន៍";
    AddClosure => "Record a closure notice", "កត់ត្រាការជូនដំណឹងបិទ";
    EditRegistration => "Edit the registration", "កែសម្រួលការចុះបញ្ជី";
    RegistrationSaved => "Registration saved.", "ការចុះបញ្ជីត្រូវបានរក្សាទុក។";
    AgreementSaved => "Agreement saved.", "កិច្ចព្រមព្រៀងត្រូវបានរក្សាទុក។";
    InspectionSaved => "Inspection saved.", "អធិការកិច្ចត្រូវបានរក្សាទុក។";
    ClosureSaved => "Closure notice saved.", "ការជូនដំណឹងបិទត្រូវបានរក្សាទុក។";
    HistoryRegulation => "Standing with MoSVY", "ស្ថានភាពជាមួយក្រសួងសង្គមកិច្ច";
    AgreementSignedOn => "Agreement signed on", "កិច្ចព្រមព្រៀងចុះហត្ថលេខានៅថ្ងៃ";
    InspectionOn => "Inspection on", "អធិការកិច្ចនៅថ្ងៃ";
    ClosureNoticeOn => "Closure notice on", "ការជូនដំណឹងបិទនៅថ្ងៃ";
    AssessmentOn => "Readiness assessment on", "ការវាយតម្លៃការត្រៀមខ្លួននៅថ្ងៃ";
    ReadinessTitle => "Readiness of the director and donor", "ការត្រៀមខ្លួនរបស់នាយក និងម្ចាស់ជំនួយ";
    ReadinessIntro => "Positive signs and risks about the director, the principal donor, their relationship and the organisation, as the adviser found them.", "សញ្ញាវិជ្ជមាន និងហានិភ័យអំពីនាយក ម្ចាស់ជំនួយចម្បង ទំនាក់ទំនងរបស់ពួកគេ និងអង្គការ ដូចដែលទីប្រឹក្សាបានរកឃើញ។";
    NoAssessment => "No readiness assessment recorded yet.", "មិនទាន់បានកត់ត្រាការវាយតម្លៃការត្រៀមខ្លួននៅឡើយទេ។";
    ReadinessLevel => "Readiness", "ការត្រៀមខ្លួន";
    AssessedOn => "assessed on", "បានវាយតម្លៃនៅថ្ងៃ";
    ReadinessBefore => "before:", "មុននេះ៖";
    AnswersChanged => "answers changed:", "ចម្លើយដែលបានប្តូរ៖";
    ReadinessChanges => "What changed since the assessment before", "អ្វីដែលបានប្តូរតាំងពីការវាយតម្លៃមុន";
    ReadinessOverTime => "Readiness over time", "ការត្រៀមខ្លួនតាមពេលវេលា";
    AddAssessment => "Record a readiness assessment", "កត់ត្រាការវាយតម្លៃការត្រៀមខ្លួន";
    AssessmentDate => "Assessment date", "ថ្ងៃវាយតម្លៃ";
    AssessmentHint => "Mark each indicator present, absent or not known; the form starts from the last assessment, so only what changed needs marking.", "សូមសម្គាល់សូចនាករនីមួយៗថា មាន គ្មាន ឬមិនដឹង៖ ទម្រង់ចាប់ផ្តើមពីការវាយតម្លៃចុងក្រោយ ដូច្នេះត្រូវសម្គាល់តែអ្វីដែលបានប្តូរ។";
    AssessmentSaved => "Readiness assessment saved.", "ការវាយតម្លៃការត្រៀមខ្លួនត្រូវបានរក្សាទុក។";
    LevelFavourable => "Favourable", "អំណោយផល";
    LevelMixed => "Mixed", "ចម្រុះ";
    LevelHighRisk => "High risk", "ហានិភ័យខ្ពស់";
    AnswerPresent => "Present", "មាន";
    AnswerAbsent => "Absent", "គ្មាន";
    AnswerUnknown => "Not known", "មិនដឹង";
    AboutDirector => "The director", "នាយក";
    AboutDonor => "The principal donor", "ម្ចាស់ជំនួយចម្បង";
    AboutRelationship => "The director and the donor together", "នាយក និងម្ចាស់ជំនួយរួមគ្នា";
    AboutOrganisation => "The organisation", "អង្គការ";
    PolarityPositive => "Positive sign", "សញ្ញាវិជ្ជមាន";
    PolarityRisk => "Risk", "ហានិភ័យ";
    RiskReadinessHigh => "Readiness: high risk", "ការត្រៀមខ្លួន៖ ហានិភ័យខ្ពស់";
    RiskReadinessOverdueShort => "Readiness assessment overdue", "ការវាយតម្លៃការត្រៀមខ្លួនហួសកាលកំណត់";
    RiskReadinessOverdue => "Readiness assessment overdue by", "ការវាយតម្លៃការត្រៀមខ្លួនហួសកាលកំណត់";
    ColReadinessOn => "Readiness assessed", "ថ្ងៃវាយតម្លៃការត្រៀមខ្លួន";
    MeanReadinessLevel => "The level the latest readiness assessment gave: favourable, mixed or high risk.", "កម្រិតដែលការវាយតម្លៃការត្រៀមខ្លួនចុងក្រោយបានផ្តល់៖ អំណោយផល ចម្រុះ ឬហានិភ័យខ្ពស់។";
    MeanReadinessOn => "The day of the latest readiness assessment.", "ថ្ងៃនៃការវាយតម្លៃការត្រៀមខ្លួនចុងក្រោយ។";
    AnyReadiness => "Any readiness", "ការត្រៀមខ្លួនណាមួយ";
    NotAssessed => "Not assessed", "មិនទាន់វាយតម្លៃ";
    NavIndicators => "Readiness indicators", "សូចនាករការត្រៀមខ្លួន";
    IndicatorsTitle => "Readiness indicators", "សូចនាករការត្រៀមខ្លួន";
    IndicatorsIntro => "What advisers look for when they assess an RCI's readiness. A retired indicator is no longer asked; past assessments keep their answers and their level.", "អ្វីដែលទីប្រឹក្សាពិនិត្យ នៅពេលវាយតម្លៃការត្រៀមខ្លួនរបស់មណ្ឌល។ សូចនាករដែលឈប់ប្រើ មិនត្រូវបានសួរទៀតទេ៖ ការវាយតម្លៃមុនៗរក្សាចម្លើយ និងកម្រិតរបស់វា។";
    AddIndicator => "Add an indicator", "បន្ថែមសូចនាករ";
    IndicatorAbout => "About", "អំពី";
    IndicatorSign => "Positive sign or risk", "សញ្ញាវិជ្ជមាន ឬហានិភ័យ";
    IndicatorsAnswered => "Indicators answered", "សូចនាករដែលបានឆ្លើយ";
    HistoryReadiness => "Readiness assessment", "ការវាយតម្លៃការត្រៀមខ្លួន";
    HistoryIndicator => "Readiness indicator", "សូចនាករការត្រៀមខ្លួន";
    ColMouExpires => "Agreement expires", "កិច្ចព្រមព្រៀងផុតកំណត់";
    ColLastInspection => "Last inspection", "អធិការកិច្ចចុងក្រោយ";
    MeanMouExpires => "The day the latest agreement with MoSVY or DoSVY ends.", "ថ្ងៃដែលកិច្ចព្រមព្រៀងចុងក្រោយជាមួយក្រសួង ឬមន្ទីរសង្គមកិច្ចបញ្ចប់។";
    MeanLastInspection => "The day of the latest inspection.", "ថ្ងៃនៃអធិការកិច្ចចុងក្រោយ។";
    MeanInspectionOutcome => "What the latest inspection found.", "អ្វីដែលអធិការកិច្ចចុងក្រោយបានរកឃើញ។";
    MeanRegulatoryFlags => "Agreement expired or ending, inspection overdue, improvements overdue.", "កិច្ចព្រមព្រៀងផុតកំណត់ ឬជិតផុត អធិការកិច្ចហួសកាលកំណត់ ការកែលម្អហួសកាលកំណត់។";
    ColRegulatoryFlags => "Standing flags", "សញ្ញាស្ថានភាព";
    ColReentryRate => "12-month re-entry rate", "អត្រាត្រឡប់ចូលវិញក្នុង 12 ខែ";
    ColChildrenAtRisk => "Children in placements at risk", "កុមារក្នុងការដាក់ឱ្យនៅដែលមានហានិភ័យ";
    MeanReentryRate => "Placements returned to residential care within 12 months of reintegration, of those reintegrated at least 12 months ago or returned, as a whole percent; blank while none is old enough.", "ការដាក់ឱ្យនៅដែលបានត្រឡប់ទៅមណ្ឌលវិញក្នុងរយៈពេល 12 ខែបន្ទាប់ពីសមាហរណកម្ម ក្នុងចំណោមការដាក់ឱ្យនៅដែលបានធ្វើសមាហរណកម្មយ៉ាងហោចណាស់ 12 ខែមុន ឬបានត្រឡប់វិញ គិតជាភាគរយ៖ ទទេ បើមិនទាន់មាន។";
    MeanChildrenAtRisk => "Children in placements being followed whose latest visit found them at risk.", "កុមារក្នុងការដាក់ឱ្យនៅដែលកំពុងតាមដាន ដែលការចុះតាមដានចុងក្រោយឃើញថាមានហានិភ័យ។";
    BadQuarter => "Choose a quarter written like 2026-Q4.", "សូមជ្រើសរើសត្រីមាសដែលសរសេរដូចជា 2026-Q4។";
    Quarter => "Quarter", "ត្រីមាស";
    Print => "Print", "បោះពុម្ព";
    ProgressAsOf => "Stage progress as of", "វឌ្ឍនភាពដំណាក់កាលគិតត្រឹម";
    AllPartners => "All partners", "ដៃគូទាំងអស់";
    ReintegratedThisQuarter => "Children reintegrated this quarter", "កុមារដែលបានធ្វើសមាហរណកម្មក្នុងត្រីមាសនេះ";
    VisitsThisQuarter => "Follow-up visits this quarter (children seen)", "ការចុះតាមដានក្នុងត្រីមាសនេះ (កុមារដែលបានជួប)";
    CountsTitle => "Children", "កុមារ";
    AsOf => "As of", "គិតត្រឹម";
    NoCountsYet => "No counts recorded by the end of this quarter.", "មិនមានការកត់ត្រាចំនួនត្រឹមចុងត្រីមាសនេះទេ។";
    NothingThisQuarter => "None this quarter.", "គ្មានក្នុងត្រីមាសនេះទេ។";
    PrintReport => "Quarterly report (print)", "របាយការណ៍ប្រចាំត្រីមាស (បោះពុម្ព)";
    ProgressOverTime => "Overall progress month by month", "វឌ្ឍនភាពសរុបប្រចាំខែ";
    ImportTitle => "Import from a spreadsheet", "នាំចូលពីតារាង";
    ImportIntro => "Bring your records in from Excel or CSV: partner RCIs' profiles, children counts, checklist steps and follow-up visits. Nothing is saved until you have seen what would change and confirmed it.", "នាំកំណត់ត្រារបស់អ្នកចូលពី Excel ឬ CSV៖ ព័ត៌មានមណ្ឌលដៃគូ ចំនួនកុមារ ចំណុចនៃបញ្ជីត្រួតពិនិត្យ និងការចុះតាមដាន។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ រហូតដល់អ្នកបានឃើញអ្វីដែលនឹងផ្លាស់ប្តូរ ហើយបញ្ជាក់។";
    ImportTemplate => "Download the template (Excel)", "ទាញយកគំរូ (Excel)";
    ImportTemplateHint => "One sheet per kind of record, columns in English and Khmer, lists to choose from. A partners export can be imported too.", "មួយសន្លឹកសម្រាប់កំណត់ត្រាមួយប្រភេទ ជួរឈរជាភាសាអង់គ្លេស និងខ្មែរ មានបញ្ជីសម្រាប់ជ្រើសរើស។ ឯកសារនាំចេញដៃគូក៏អាចនាំចូលបានដែរ។";
    ImportFile => "Spreadsheet", "តារាង";
    ImportCheck => "Check the file", "ពិនិត្យឯកសារ";
    ImportProblems => "Nothing was imported. Problems found:", "មិនបាននាំចូលអ្វីទេ។ បញ្ហាដែលបានរកឃើញ៖";
    ImportFixAndAgain => "Correct these in your file and upload it again.", "សូមកែតម្រូវចំណុចទាំងនេះក្នុងឯកសាររបស់អ្នក ហើយផ្ទុកឡើងម្តងទៀត។";
    ImportNewRcis => "New RCIs:", "មណ្ឌលថ្មី៖";
    ImportChangedRcis => "RCIs changed:", "មណ្ឌលដែលត្រូវកែប្រែ៖";
    ImportUnchangedRows => "Rows already in Homeward:", "ជួរដែលមានក្នុង Homeward រួចហើយ៖";
    ImportNothingToChange => "This file holds nothing Homeward does not already have.", "ឯកសារនេះមិនមានអ្វីដែល Homeward មិនទាន់មានទេ។";
    ImportConfirm => "Import these changes", "នាំចូលការកែប្រែទាំងនេះ";
    ImportDone => "Imported. RCIs created or changed:", "បាននាំចូល។ មណ្ឌលដែលបានបង្កើត ឬផ្លាស់ប្តូរ៖";
    ImportField => "Field", "ប្រអប់";
    ImportBefore => "Now", "បច្ចុប្បន្ន";
    ImportAfter => "From the file", "ពីឯកសារ";
    ImportSteps => "Checklist steps", "ចំណុចនៃបញ្ជីត្រួតពិនិត្យ";
    ImportVisits => "Follow-up visits", "ការចុះតាមដាន";
    ImportHasProblems => "The file has problems: nothing was imported.", "ឯកសារមានបញ្ហា៖ មិនបាននាំចូលអ្វីទេ។";
    ImportNothingPending => "Upload a file first.", "សូមផ្ទុកឯកសារឡើងជាមុនសិន។";
    ImportChanged => "Records changed since the preview was shown: look at it again below, then confirm.", "កំណត់ត្រាបានផ្លាស់ប្តូរ ចាប់តាំងពីការមើលជាមុនត្រូវបានបង្ហាញ៖ សូមពិនិត្យវាម្តងទៀតខាងក្រោម រួចបញ្ជាក់។";
    ImportLink => "Import from a spreadsheet", "នាំចូលពីតារាង";
    TemplateTitle => "Checklist template", "គំរូបញ្ជីត្រួតពិនិត្យ";
    TemplateIntro => "The steps every new partner RCI starts with. Existing RCIs keep their own copy: apply the changes to them below, after seeing what would change. No recorded status is ever lost.", "ចំណុចដែលមណ្ឌលដៃគូថ្មីនីមួយៗចាប់ផ្តើមជាមួយ។ មណ្ឌលដែលមានស្រាប់រក្សាច្បាប់ចម្លងផ្ទាល់ខ្លួន៖ សូមអនុវត្តការកែប្រែទៅលើពួកវាខាងក្រោម បន្ទាប់ពីឃើញអ្វីដែលនឹងផ្លាស់ប្តូរ។ ស្ថានភាពដែលបានកត់ត្រាមិនដែលបាត់ទេ។";
    TemplateRetired => "Retired", "ឈប់ប្រើ";
    TemplateRetire => "Retire", "ឈប់ប្រើ";
    TemplateRestore => "Use again", "ប្រើឡើងវិញ";
    TemplateAddStep => "Add a step", "បន្ថែមចំណុច";
    TemplateApplyTitle => "Apply template changes", "អនុវត្តការកែប្រែគំរូ";
    TemplateApplyIntro => "RCIs whose checklist differs from the template, and what applying it would change. Steps are added, reworded, put in order, and retired steps nobody started are hidden; statuses stay as they are.", "មណ្ឌលដែលបញ្ជីត្រួតពិនិត្យរបស់ខ្លួនខុសពីគំរូ និងអ្វីដែលការអនុវត្តនឹងផ្លាស់ប្តូរ។ ចំណុចត្រូវបានបន្ថែម កែពាក្យ តម្រៀប ហើយចំណុចដែលឈប់ប្រើ ហើយគ្មាននរណាចាប់ផ្តើម ត្រូវបានលាក់៖ ស្ថានភាពនៅដដែល។";
    TemplateAllApplied => "Every RCI's checklist follows the template.", "បញ្ជីត្រួតពិនិត្យរបស់មណ្ឌលទាំងអស់ស្របតាមគំរូ។";
    TemplateApply => "Apply", "អនុវត្ត";
    TemplateApplyAll => "Apply to every RCI listed", "អនុវត្តចំពោះមណ្ឌលទាំងអស់ក្នុងបញ្ជី";
    TemplateApplied => "Template changes applied.", "បានអនុវត្តការកែប្រែគំរូ។";
    TemplateAdds => "Adds:", "បន្ថែម៖";
    TemplateRewords => "Rewords:", "កែពាក្យ៖";
    TemplateHides => "Hides (never started, retired):", "លាក់ (មិនទាន់ចាប់ផ្តើម ឈប់ប្រើ)៖";
    TemplateAddsNa => "Adds as not applicable:", "បន្ថែមជាមិនពាក់ព័ន្ធ៖";
    TemplateStanding => "Stage and progress", "ដំណាក់កាល និងវឌ្ឍនភាព";
    TemplateMovesBack => "Moves back a stage", "ថយក្រោយមួយដំណាក់កាល";
    TemplateLandingLegend => "New steps in a stage an RCI has already finished", "ចំណុចថ្មីក្នុងដំណាក់កាលដែលមណ្ឌលបានបញ្ចប់រួចហើយ";
    TemplateLandingNa => "Add them as not applicable, for the reason below: the RCI stays where it is", "បន្ថែមពួកវាជា មិនពាក់ព័ន្ធ ដោយហេតុផលខាងក្រោម៖ មណ្ឌលនៅដំណាក់កាលដដែល";
    TemplateLandingOpen => "Add them as not started: the RCI goes back to that stage until they are done", "បន្ថែមពួកវាជា មិនទាន់ចាប់ផ្តើម៖ មណ្ឌលត្រឡប់ទៅដំណាក់កាលនោះវិញ រហូតដល់ពួកវាបានធ្វើរួច";
    TemplateLandingReason => "Added to the template after this stage was finished.", "បានបន្ថែមទៅក្នុងគំរូ បន្ទាប់ពីដំណាក់កាលនេះបានបញ្ចប់។";
    TemplateShowImpact => "Show the impact", "បង្ហាញផលប៉ះពាល់";
    TemplateConfirmAll => "Apply the template to these {n} RCIs?", "អនុវត្តគំរូចំពោះមណ្ឌលទាំង {n} នេះឬ?";
    TemplateConfirmAllYes => "Yes, apply to {n} RCIs", "បាទ/ចាស អនុវត្តចំពោះមណ្ឌលទាំង {n}";
    TemplateConfirmMovesBack => "These RCIs would move back a stage:", "មណ្ឌលទាំងនេះនឹងថយក្រោយមួយដំណាក់កាល៖";
    TemplateConfirmNoneBack => "No RCI moves back a stage.", "គ្មានមណ្ឌលណាថយក្រោយមួយដំណាក់កាលទេ។";
    TemplateRetireConfirm => "Retire “{title}”?", "ឈប់ប្រើ “{title}” ឬ?";
    TemplateRetireExplain => "New RCIs will no longer get this step. When the template is next applied, it is hidden for the {n} RCIs that never started it; an RCI that recorded a status for it keeps it.", "មណ្ឌលថ្មីនឹងលែងទទួលបានចំណុចនេះ។ នៅពេលអនុវត្តគំរូលើកក្រោយ វានឹងត្រូវលាក់សម្រាប់មណ្ឌលចំនួន {n} ដែលមិនដែលចាប់ផ្តើមវា។ មណ្ឌលដែលបានកត់ត្រាស្ថានភាពសម្រាប់វា នៅរក្សាវាដដែល។";
    TemplateRetireYes => "Yes, retire it", "បាទ/ចាស ឈប់ប្រើវា";
    Cancel => "Cancel", "បោះបង់";
    ThereIsAProblem => "There is a problem", "មានបញ្ហា";
    ExportAboutSheet => "About", "អំពី";
    ExportAboutWhat => "What", "អ្វី";
    ExportAboutValue => "Value", "តម្លៃ";
    ExportDictionarySheet => "Data dictionary", "វចនានុក្រមទិន្នន័យ";
    ExportDictionaryKey => "Key (CSV export and import)", "កូដ (ឯកសារ CSV នាំចេញ និងនាំចូល)";
    ExportDictionaryMeaning => "Meaning", "អត្ថន័យ";
    ExportDictionaryHeadingEn => "Heading in English", "ចំណងជើងជាភាសាអង់គ្លេស";
    ExportDictionaryHeadingKm => "Heading in Khmer", "ចំណងជើងជាភាសាខ្មែរ";
    ExportTitle => "Partner RCIs: comparison", "មណ្ឌលដៃគូ៖ ការប្រៀបធៀប";
    ExportOrganisation => "Organisation", "អង្គការ";
    ExportMadeAt => "Exported", "បាននាំចេញ";
    ExportFilters => "Filters", "តម្រង";
    ExportNoFilters => "None: every partner", "គ្មាន៖ ដៃគូទាំងអស់";
    ExportRows => "Partners in this export", "ដៃគូក្នុងឯកសារនេះ";
    ExportDaysInStage => "Days in current stage", "ថ្ងៃក្នុងដំណាក់កាលបច្ចុប្បន្ន";
    ExportReintegrated => "Reintegrated", "បានធ្វើសមាហរណកម្ម";
    MeanRciId => "Homeward's number for the RCI: the import matches rows to RCIs by it.", "លេខរបស់ Homeward សម្រាប់មណ្ឌល៖ ការនាំចូលផ្គូផ្គងជួរទៅមណ្ឌលតាមលេខនេះ។";
    MeanName => "The RCI's name in English (or romanised).", "ឈ្មោះមណ្ឌលជាភាសាអង់គ្លេស (ឬជាអក្សរឡាតាំង)។";
    MeanNameKm => "The RCI's name in Khmer, if recorded.", "ឈ្មោះមណ្ឌលជាភាសាខ្មែរ ប្រសិនបើបានកត់ត្រា។";
    MeanProvince => "The province the RCI is in.", "រាជធានី/ខេត្តដែលមណ្ឌលស្ថិតនៅ។";
    MeanAdviser => "The transition adviser who leads the work with this RCI.", "ទីប្រឹក្សាការផ្លាស់ប្តូរដែលដឹកនាំការងារជាមួយមណ្ឌលនេះ។";
    MeanStage => "The first of the five stages not yet complete, or transition completed (in the CSV: the stage's number, or completed).", "ដំណាក់កាលដំបូងក្នុងចំណោមដំណាក់កាលទាំងប្រាំដែលមិនទាន់បញ្ចប់ ឬការផ្លាស់ប្តូរបានបញ្ចប់ (ក្នុង CSV៖ លេខដំណាក់កាល ឬ completed)។";
    MeanDaysInStage => "Days since the RCI entered its current stage.", "ចំនួនថ្ងៃចាប់តាំងពីមណ្ឌលចូលដំណាក់កាលបច្ចុប្បន្ន។";
    MeanTrack => "Steps done out of the steps that apply in this track, as a whole percent.", "ចំណុចដែលបានធ្វើរួច ក្នុងចំណោមចំណុចដែលពាក់ព័ន្ធក្នុងផ្នែកនេះ គិតជាភាគរយ។";
    MeanOverall => "Steps done out of the steps that apply in every track together, as a whole percent.", "ចំណុចដែលបានធ្វើរួច ក្នុងចំណោមចំណុចដែលពាក់ព័ន្ធក្នុងគ្រប់ផ្នែករួមគ្នា គិតជាភាគរយ។";
    MeanBaseline => "Children in care when the transition began, from the latest counts (total, and of them girls).", "កុមារនៅក្នុងការថែទាំនៅពេលចាប់ផ្តើមការផ្លាស់ប្តូរ តាមចំនួនចុងក្រោយ (សរុប និងក្នុងនោះស្រី)។";
    MeanReintegrated => "Children reintegrated so far, every kind of placement together, from the latest counts (total, and of them girls).", "កុមារដែលបានធ្វើសមាហរណកម្មរហូតមកដល់ពេលនេះ គ្រប់ប្រភេទការដាក់ឱ្យនៅ តាមចំនួនចុងក្រោយ (សរុប និងក្នុងនោះស្រី)។";
    MeanFollowUpsOverdue => "Days since the next follow-up visit to reintegrated children was due; blank if none is overdue.", "ចំនួនថ្ងៃចាប់តាំងពីការសួរសុខទុក្ខតាមដានកុមារដែលបានធ្វើសមាហរណកម្មដល់កាលកំណត់៖ ទទេ បើគ្មានការហួសកាលកំណត់។";
    MeanDaysSinceUpdate => "Days since anything was last recorded for the RCI; blank if never.", "ចំនួនថ្ងៃចាប់តាំងពីមានអ្វីមួយត្រូវបានកត់ត្រាចុងក្រោយសម្រាប់មណ្ឌល៖ ទទេ បើមិនដែល។";
    MeanRisks => "Every risk flag that applies today (in the CSV: their keys, separated by ;).", "ទង់ហានិភ័យទាំងអស់ដែលអនុវត្តថ្ងៃនេះ (ក្នុង CSV៖ កូដរបស់វា បំបែកដោយ ;)។";
    TemplateReorders => "Puts the steps in the template's order", "តម្រៀបចំណុចតាមលំដាប់គំរូ";
    GuidanceEn => "Guidance (English, optional)", "ការណែនាំ (អង់គ្លេស ស្រេចចិត្ត)";
    GuidanceKm => "Guidance (Khmer, optional)", "ការណែនាំ (ខ្មែរ ស្រេចចិត្ត)";
    MoveUp => "Move up:", "ផ្លាស់ទីឡើងលើ៖";
    MoveDown => "Move down:", "ផ្លាស់ទីចុះក្រោម៖";
    NavTemplate => "Template", "គំរូ";
    HistoryTemplateStep => "Template step", "ចំណុចគំរូ";
    Order => "Place in the list", "លំដាប់";
    MovedUp => "moved up", "បានផ្លាស់ទីឡើងលើ";
    MovedDown => "moved down", "បានផ្លាស់ទីចុះក្រោម";
    ImportedFrom => "imported from", "នាំចូលពី";
    FollowUpOn => "Follow-up visit on", "ការចុះតាមដាននៅថ្ងៃ";
    OrganisationsExample => "MoSVY, DoSVY …", "ក្រសួងសង្គមកិច្ច, មន្ទីរសង្គមកិច្ច …";
    DistrictKm => "District (in Khmer)", "ក្រុង/ស្រុក/ខណ្ឌ (ជាភាសាខ្មែរ)";
    CommuneKm => "Commune (in Khmer)", "ឃុំ/សង្កាត់ (ជាភាសាខ្មែរ)";
    PrivacyNote => "Homeward stores no child's name: only counts.", "ផ្លូវទៅផ្ទះមិនរក្សាទុកឈ្មោះកុមារទេ៖ មានតែចំនួនប៉ុណ្ណោះ។";
}

/// The language of the current page, provided once by the app.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The cookie that remembers the chosen language for a year.
pub const LANG_COOKIE: &str = "homeward_lang";

/// Reads the language from a `Cookie` header value.
pub fn lang_from_cookie_header(header: &str) -> Lang {
    header
        .split(';')
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == LANG_COOKIE)
        .map(|(_, v)| Lang::from_code(v))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_khmer(s: &str) -> bool {
        s.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c))
    }

    #[test]
    fn every_message_has_english_and_khmer() {
        for msg in ALL {
            assert!(!msg.text(Lang::En).is_empty(), "{msg:?}");
            assert!(is_khmer(msg.text(Lang::Km)), "{msg:?} has no Khmer text");
            assert_ne!(msg.text(Lang::En), msg.text(Lang::Km), "{msg:?}");
        }
    }

    #[test]
    fn language_cookie_is_read_among_others() {
        assert_eq!(
            lang_from_cookie_header("a=1; homeward_lang=km; b=2"),
            Lang::Km
        );
        assert_eq!(lang_from_cookie_header("homeward_lang=xx"), Lang::En);
        assert_eq!(lang_from_cookie_header(""), Lang::En);
    }

    /// The glossary's terms: (English, the Khmer wording, the wordings no page may use).
    fn glossary() -> Vec<(String, String, Vec<String>)> {
        let text = include_str!("../../docs/glossary.md");
        let terms = text
            .split("## Terms")
            .nth(1)
            .and_then(|t| t.split("\n## ").next())
            .expect("a Terms section");
        terms
            .lines()
            .filter(|l| {
                l.starts_with("| ") && !l.starts_with("| English") && !l.starts_with("| ---")
            })
            .map(|l| {
                let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
                assert_eq!(cells.len(), 5, "a row of five cells: {l}");
                assert!(
                    ["confirmed", "to confirm"].contains(&cells[4]),
                    "status of {l}"
                );
                let rejected = cells[2]
                    .split(" ; ")
                    .map(str::trim)
                    .filter(|v| !v.is_empty() && *v != "—")
                    .map(String::from)
                    .collect();
                (cells[0].to_string(), cells[1].to_string(), rejected)
            })
            .collect()
    }

    /// Every line of the app's and the core's source, with its file: the Khmer the pages show
    /// is written there. A line marked `glossary: former wording` (a spreadsheet column's old
    /// name, still read) is left out.
    fn source_lines() -> Vec<(String, usize, String)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).expect("a source folder") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = vec![];
        walk(&root.join("app/src"), &mut files);
        walk(&root.join("crates/homeward-core/src"), &mut files);
        let mut lines = vec![];
        for file in files {
            let text = std::fs::read_to_string(&file).expect("a source file");
            for (n, line) in text.lines().enumerate() {
                if !line.contains("glossary: former wording") {
                    lines.push((file.display().to_string(), n + 1, line.to_string()));
                }
            }
        }
        lines
    }

    #[test]
    fn no_page_uses_a_wording_the_glossary_rejects() {
        let terms = glossary();
        assert!(
            terms.len() > 40,
            "the glossary's table was read: {} terms",
            terms.len()
        );
        let accepted: Vec<&String> = terms.iter().map(|(_, km, _)| km).collect();
        let mut found = vec![];
        for (english, khmer, rejected) in &terms {
            for variant in rejected {
                assert!(
                    !accepted.iter().any(|a| a.contains(variant.as_str())),
                    "{variant} is rejected for {english} but part of an accepted term"
                );
                for (file, n, line) in source_lines() {
                    if line.contains(variant.as_str()) {
                        found.push(format!("{file}:{n}: {variant} → {khmer} ({english})"));
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "wordings the glossary rejects:\n{}",
            found.join("\n")
        );
    }
}
