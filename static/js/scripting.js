// ADR 0022: this browser runs JavaScript, so the dashboard may leave its panels to htmx, which
// loads each as a request of its own. The cookie holds nothing but "1".
document.cookie =
  "vh_scripting=1; path=/; max-age=31536000; SameSite=Strict" +
  (location.protocol === "https:" ? "; Secure" : "");
