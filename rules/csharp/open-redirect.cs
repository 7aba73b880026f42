using Microsoft.AspNetCore.Mvc;

class AccountController : Controller
{
    IActionResult Login()
    {
        // ruleid: open-redirect
        return Redirect(Request.Query["returnUrl"]);
    }

    void Legacy()
    {
        // ruleid: open-redirect
        Response.Redirect(Request.QueryString["next"]);
    }

    IActionResult Fixed(string returnUrl)
    {
        // ok: open-redirect
        return LocalRedirect(returnUrl);
    }
}
