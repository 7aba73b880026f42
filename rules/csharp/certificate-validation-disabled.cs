using System.Net;
using System.Net.Http;

class Clients
{
    HttpClient Make()
    {
        // ruleid: certificate-validation-disabled
        ServicePointManager.ServerCertificateValidationCallback = (sender, cert, chain, errors) => true;
        var handler = new HttpClientHandler();
        // ruleid: certificate-validation-disabled
        handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
        // ok: certificate-validation-disabled
        handler.ServerCertificateCustomValidationCallback = (m, cert, chain, errors) => errors == SslPolicyErrors.None;
        return new HttpClient(handler);
    }
}
