using System.Collections.Frozen;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Afya.Api.Admin.Clinic;

// The clinic pages' words in English and Arabic (the Kuwait clinic's desk works in Arabic). The language is the request's:
// ?lang=ar|en, else the browser's Accept-Language; Arabic pages are laid out right to left (lang="ar" dir="rtl").
public sealed class ClinicText
{
    public string Lang { get; }
    public bool Arabic => Lang == "ar";
    public string Dir => Arabic ? "rtl" : "ltr";

    public ClinicText(HttpRequest request)
    {
        var asked = request.Query["lang"].ToString();
        Lang = asked is "ar" or "en" ? asked
            : request.Headers.AcceptLanguage.ToString().TrimStart().StartsWith("ar", StringComparison.OrdinalIgnoreCase) ? "ar" : "en";
    }

    public string this[string key] => (Arabic ? Ar : En).TryGetValue(key, out var text) ? text : En.GetValueOrDefault(key, key);

    // The other language's link for this page, keeping its query.
    public string Switch(HttpRequest request) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(request.Path,
        request.Query.Where(q => q.Key is not ("lang" or "handler")).Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()))
            .Append(KeyValuePair.Create("lang", (string?)(Arabic ? "en" : "ar"))));

    // The frame's and shared partials' words: Arabic on a page that chose Arabic (ViewData["Lang"]), English elsewhere.
    public static string Frame(ViewDataDictionary viewData, HttpRequest request, string key) =>
        viewData["Lang"] as string == "ar" ? new ClinicText(request)[key] : En.GetValueOrDefault(key, key);

    public string Link(string path) => Arabic ? path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lang=ar" : path;

    private static readonly FrozenDictionary<string, string> En = new Dictionary<string, string>
    {
        ["packages"] = "Packages", ["subscriptions"] = "Subscriptions", ["otp"] = "Sign-in codes", ["switch"] = "العربية",
        ["name"] = "Name (English)", ["name_ar"] = "Name (Arabic)", ["price"] = "Price", ["currency"] = "Currency", ["duration_days"] = "Days",
        ["services"] = "Included services", ["services_hint"] = "One per line: service, times (e.g. consultation, 4)", ["status"] = "Status",
        ["active"] = "On sale", ["retired"] = "Retired", ["activate"] = "Put on sale", ["retire"] = "Retire", ["create"] = "Create package",
        ["new_package"] = "New package", ["display_order"] = "Display order", ["any"] = "Any", ["filter"] = "Filter", ["user"] = "Customer (email or id)",
        ["package"] = "Package", ["from"] = "Bought from", ["to"] = "Bought to", ["expiring"] = "Ending within (days)", ["bought"] = "Bought",
        ["payment"] = "Payment", ["ends"] = "Ends", ["days_left"] = "Days left", ["queued"] = "Queued", ["expiring_soon"] = "Ending within 7 days",
        ["pending_cash"] = "Cash to confirm", ["usage"] = "Usage", ["service"] = "Service", ["included"] = "Included", ["used"] = "Used",
        ["remaining"] = "Remaining", ["confirm_cash"] = "Confirm cash received", ["record_use"] = "Record a use", ["note"] = "Note",
        ["history"] = "History", ["starts"] = "Starts", ["reference"] = "Reference", ["none"] = "Nothing here yet.", ["subscription"] = "Subscription",
        ["phone"] = "Phone", ["purpose"] = "Purpose", ["sent"] = "Sent", ["attempts"] = "Wrong tries", ["state"] = "State",
        ["otp_intro"] = "Codes sent to phones in the chosen window, never the codes themselves: whether each was used, ran out of tries or expired, and the numbers that hit the sending limit.",
        ["limited"] = "Numbers at the sending limit",
        // The console's frame, history and pager on a clinic page.
        ["skip"] = "Skip to content", ["brand"] = "Afya staff", ["account"] = "Your account", ["sign_out"] = "Sign out", ["console"] = "Console",
        ["area:Dashboard"] = "Dashboard", ["area:Orders"] = "Orders", ["area:Catalog"] = "Catalog", ["area:Payments"] = "Payments", ["area:Users"] = "Users",
        ["area:Clinic"] = "Clinic", ["area:Care"] = "Care", ["area:Operations"] = "Operations", ["area:Alerts"] = "Alerts",
        ["history_none"] = "No staff changes yet.", ["history_table"] = "History table", ["history_caption"] = "Staff changes", ["when_utc"] = "When (UTC)",
        ["who"] = "Who", ["what"] = "What", ["before"] = "Before", ["after"] = "After", ["result"] = "Result",
        ["found"] = "{0} found · page {1} of {2}", ["found_more"] = "More than {0} found · page {1}", ["pages"] = "Pages", ["previous_page"] = "Previous page", ["next_page"] = "Next page", ["hours"] = "Hours",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, string> Ar = new Dictionary<string, string>
    {
        ["packages"] = "الباقات", ["subscriptions"] = "الاشتراكات", ["otp"] = "رموز الدخول", ["switch"] = "English",
        ["name"] = "الاسم (بالإنجليزية)", ["name_ar"] = "الاسم (بالعربية)", ["price"] = "السعر", ["currency"] = "العملة", ["duration_days"] = "الأيام",
        ["services"] = "الخدمات المشمولة", ["services_hint"] = "خدمة في كل سطر: الخدمة، عدد المرات (مثال: consultation, 4)", ["status"] = "الحالة",
        ["active"] = "معروضة للبيع", ["retired"] = "موقوفة", ["activate"] = "عرض للبيع", ["retire"] = "إيقاف", ["create"] = "إنشاء باقة",
        ["new_package"] = "باقة جديدة", ["display_order"] = "ترتيب العرض", ["any"] = "الكل", ["filter"] = "تصفية", ["user"] = "العميل (البريد أو المعرّف)",
        ["package"] = "الباقة", ["from"] = "الشراء من", ["to"] = "الشراء إلى", ["expiring"] = "تنتهي خلال (أيام)", ["bought"] = "تاريخ الشراء",
        ["payment"] = "الدفع", ["ends"] = "تنتهي", ["days_left"] = "الأيام المتبقية", ["queued"] = "في الانتظار", ["expiring_soon"] = "تنتهي خلال ٧ أيام",
        ["pending_cash"] = "نقد بانتظار التأكيد", ["usage"] = "الاستخدام", ["service"] = "الخدمة", ["included"] = "المشمول", ["used"] = "المستخدم",
        ["remaining"] = "المتبقي", ["confirm_cash"] = "تأكيد استلام النقد", ["record_use"] = "تسجيل استخدام", ["note"] = "ملاحظة",
        ["history"] = "السجل", ["starts"] = "تبدأ", ["reference"] = "المرجع", ["none"] = "لا يوجد شيء بعد.", ["subscription"] = "اشتراك",
        ["phone"] = "الهاتف", ["purpose"] = "الغرض", ["sent"] = "أُرسل", ["attempts"] = "محاولات خاطئة", ["state"] = "الحالة",
        ["otp_intro"] = "الرموز المرسلة إلى الهواتف خلال الفترة المختارة، دون الرموز نفسها: هل استُخدم كل رمز أو نفدت محاولاته أو انتهت صلاحيته، والأرقام التي بلغت حد الإرسال.",
        ["limited"] = "أرقام بلغت حد الإرسال",
        ["skip"] = "انتقل إلى المحتوى", ["brand"] = "طاقم Afya", ["account"] = "حسابك", ["sign_out"] = "تسجيل الخروج", ["console"] = "لوحة الموظفين",
        ["area:Dashboard"] = "لوحة المعلومات", ["area:Orders"] = "الطلبات", ["area:Catalog"] = "الكتالوج", ["area:Payments"] = "المدفوعات", ["area:Users"] = "المستخدمون",
        ["area:Clinic"] = "العيادة", ["area:Care"] = "الرعاية", ["area:Operations"] = "العمليات", ["area:Alerts"] = "التنبيهات",
        ["history_none"] = "لا توجد تغييرات من الموظفين بعد.", ["history_table"] = "جدول السجل", ["history_caption"] = "تغييرات الموظفين", ["when_utc"] = "الوقت (UTC)",
        ["who"] = "من", ["what"] = "الإجراء", ["before"] = "قبل", ["after"] = "بعد", ["result"] = "النتيجة",
        ["found"] = "{0} نتيجة · الصفحة {1} من {2}", ["found_more"] = "أكثر من {0} نتيجة · الصفحة {1}", ["pages"] = "الصفحات", ["previous_page"] = "الصفحة السابقة", ["next_page"] = "الصفحة التالية", ["hours"] = "الساعات",
    }.ToFrozenDictionary();
}
