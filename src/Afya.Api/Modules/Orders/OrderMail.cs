using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Platform;

namespace Afya.Api.Modules.Orders;

// The mails an order sends, all through the outbox in the transaction that made the change.
public static class OrderMail
{
    public static OutgoingEmail Placed(Order o) => Mail(o, "order_placed", new()
    {
        ["payment_hint"] = o.PaymentMethod == PaymentMethod.Mpesa
            ? "Pay with M-Pesa to confirm it; unpaid orders are released after the payment window."
            : "You pay cash on delivery.",
    });

    public static OutgoingEmail Paid(Order o, byte[] invoicePdf) => Mail(o, "order_paid", new()
    {
        ["reference"] = o.PaymentReference ?? "",
        ["invoice_number"] = o.InvoiceNumber ?? "",
    }, [new EmailAttachment($"invoice-{o.InvoiceNumber}.pdf", "application/pdf", invoicePdf)]);

    public static OutgoingEmail Shipped(Order o, string note) => Mail(o, "order_shipped", new() { ["note"] = note });

    public static OutgoingEmail Delivered(Order o) => Mail(o, "order_delivered", []);

    private static OutgoingEmail Mail(Order o, string template, Dictionary<string, string> model, IReadOnlyList<EmailAttachment>? files = null)
    {
        model["name"] = o.FullName;
        model["order_number"] = o.Number;
        model["total"] = Money.Format(o.TotalMinor, o.Currency);
        return new OutgoingEmail(o.Email, template, model, o.FullName, files);
    }
}
