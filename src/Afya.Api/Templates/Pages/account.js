// Finishes the email links: posts the link's token (and, for a reset, the new password) to the API and says
// what happened. Served as a file so the pages work under a Content-Security-Policy without 'unsafe-inline'.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-endpoint]");
  const result = document.getElementById("result");
  const token = new URLSearchParams(window.location.search).get("token") || "";
  const say = (text, ok) => {
    result.textContent = text;
    result.className = ok ? "ok" : "error";
    result.hidden = false;
  };
  if (!token) {
    say("This link has no token. Open the link from the email again.", false);
    form.hidden = true;
    return;
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = { token };
    const password = form.querySelector("#new_password");
    if (password) {
      if (password.value !== form.querySelector("#confirm_password").value) {
        say("The two passwords differ.", false);
        return;
      }
      body.new_password = password.value;
    }
    form.querySelector("button").disabled = true;
    try {
      const response = await fetch(form.dataset.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify(body),
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok) {
        say(answer.message || "Done.", true);
        form.hidden = true;
        return;
      }
      const fields = answer.errors ? Object.values(answer.errors).flat().join(" ") : "";
      say(fields || answer.detail || answer.title || "That did not work; try again.", false);
    } catch {
      say("The service could not be reached; try again.", false);
    }
    form.querySelector("button").disabled = false;
  });
});
