using System.Globalization;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using QRCoder;

namespace Afya.Api.Modules.Orders;

// The invoice of a paid order as a PDF: seller, buyer, lines, VAT included in prices, shipping, total,
// payment reference, and a QR code of the order number.
public sealed class InvoiceRenderer(IOptions<OrderOptions> options)
{
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Get(
        Guid id, CurrentUser me, AfyaDb db, InvoiceRenderer renderer, CancellationToken ct)
    {
        var order = await OrderQueries.LoadAsync(db.Set<Order>().VisibleTo(me), id, ct);
        if (order is null) return ApiProblem.NotFound("order", "ORDER_NOT_FOUND");
        if (order.InvoiceNumber is null)
            return ApiProblem.Of(StatusCodes.Status409Conflict, "INVOICE_NOT_READY", "The invoice is issued when the order is paid.");
        return TypedResults.File(renderer.Render(order), "application/pdf", $"invoice-{order.InvoiceNumber}.pdf");
    }

    public byte[] Render(Order order)
    {
        InvoiceFonts.Install(options.Value.InvoiceFontPath);
        var o = options.Value;
        using var document = new PdfDocument();
        document.Info.Title = $"Invoice {order.InvoiceNumber} for order {order.Number}";
        document.Info.Subject = $"Total {Money.Format(order.TotalMinor, order.Currency)}";
        document.Info.Author = o.SellerName;
        document.Options.CompressContentStreams = false;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using var g = XGraphics.FromPdfPage(page);
        var pdf = new XPdfFontOptions(PdfFontEncoding.WinAnsi);
        var title = new XFont(InvoiceFonts.Family, 18, XFontStyleEx.Bold, pdf);
        var bold = new XFont(InvoiceFonts.Family, 10, XFontStyleEx.Bold, pdf);
        var text = new XFont(InvoiceFonts.Family, 10, XFontStyleEx.Regular, pdf);
        double y = 50;
        void Line(string value, XFont font, double x = 50, double step = 15)
        {
            g.DrawString(value, font, XBrushes.Black, new XPoint(x, y));
            y += step;
        }

        Line(o.SellerName, title, step: 22);
        Line(o.SellerAddress, text);
        if (o.SellerTaxPin is { Length: > 0 } pin) Line($"KRA PIN: {pin}", text);
        y += 10;
        Line($"Invoice {order.InvoiceNumber}", bold);
        Line($"Order {order.Number}", text);
        Line($"Date: {(order.PaidAt ?? order.CreatedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", text);
        y += 10;
        Line("Bill to", bold);
        Line(order.FullName, text);
        Line(order.Email, text);
        Line(order.Phone, text);
        Line($"{order.ShippingAddress}, {order.City}{(order.County.Length > 0 ? ", " + order.County : "")}", text);
        y += 15;
        g.DrawString("Item", bold, XBrushes.Black, 50, y);
        g.DrawString("Qty", bold, XBrushes.Black, 330, y);
        g.DrawString("Unit price", bold, XBrushes.Black, 380, y);
        g.DrawString("Amount", bold, XBrushes.Black, 480, y);
        y += 16;
        foreach (var item in order.Items.OrderBy(i => i.Id))
        {
            var name = item.VariantName is null ? item.Name : $"{item.Name} ({item.VariantName})";
            g.DrawString(name.Length > 50 ? name[..50] : name, text, XBrushes.Black, 50, y);
            g.DrawString(item.Quantity.ToString(CultureInfo.InvariantCulture), text, XBrushes.Black, 330, y);
            g.DrawString(Amount(item.UnitPriceMinor), text, XBrushes.Black, 380, y);
            g.DrawString(Amount(item.LineTotalMinor), text, XBrushes.Black, 480, y);
            y += 15;
        }
        y += 10;
        var vat = (long)Math.Round(order.TotalMinor * o.VatPercent / (100m + o.VatPercent), MidpointRounding.AwayFromZero);
        Line($"Subtotal: {Money.Format(order.SubtotalMinor, order.Currency)}", text, 330);
        if (order.DiscountMinor > 0) Line($"Coupon {order.CouponCode}: -{Money.Format(order.DiscountMinor, order.Currency)}", text, 330);
        Line($"Shipping: {Money.Format(order.ShippingMinor, order.Currency)}", text, 330);
        Line($"Total: {Money.Format(order.TotalMinor, order.Currency)}", bold, 330);
        Line($"VAT {o.VatPercent.ToString("0.##", CultureInfo.InvariantCulture)}% included: {Money.Format(vat, order.Currency)}", text, 330);
        y += 10;
        Line($"Paid by {(order.PaymentMethod == PaymentMethod.Mpesa ? "M-Pesa" : "cash on delivery")}, reference {order.PaymentReference}", text);
        DrawQr(g, order.Number, 450, 50, 90);
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static string Amount(long minor) => Money.ToDecimal(minor).ToString("N2", CultureInfo.InvariantCulture);

    // Drawn as squares, so no image codec is needed.
    private static void DrawQr(XGraphics g, string value, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(value, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var cell = size / matrix.Count;
        for (var row = 0; row < matrix.Count; row++)
            for (var col = 0; col < matrix[row].Length; col++)
                if (matrix[row][col]) g.DrawRectangle(XBrushes.Black, x + col * cell, y + row * cell, cell, cell);
    }
}

// PDFsharp needs a font resolver on Linux; it can be set once per process.
internal sealed class InvoiceFonts(byte[] regular) : IFontResolver
{
    public const string Family = "AfyaInvoice";
    private static readonly Lock Gate = new();
    private static bool _installed;

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "C:\\Windows\\Fonts\\arial.ttf",
    ];

    public static void Install(string? path)
    {
        lock (Gate)
        {
            if (_installed) return;
            var file = path is { Length: > 0 } ? path : Candidates.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("No TrueType font for invoices: install fonts-liberation or set Orders__InvoiceFontPath.");
            GlobalFontSettings.FontResolver = new InvoiceFonts(File.ReadAllBytes(file));
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Family, bold, italic);

    public byte[]? GetFont(string faceName) => regular;
}
