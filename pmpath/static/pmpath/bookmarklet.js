// The window the bookmarklet opens (pmpath/jobs/bookmarklet.py explains the design). It tells
// its opener it is ready, receives the page's HTML and the bookmarklet's token from it, and
// sends them to the import API from pmpath's own origin, with the token and never the session
// cookie. Everything shown is set as text, never as HTML.
(function () {
  "use strict";

  var box = document.getElementById("bookmarklet-save");
  if (!box) return;
  var status = box.querySelector("[data-status]");
  var details = box.querySelector("[data-details]");
  var endpoint = box.getAttribute("data-endpoint");
  var postingPath = box.getAttribute("data-posting-path"); // ".../postings/0/"
  var opener = window.opener;
  var received = false;

  function say(text, state) {
    status.textContent = text;
    box.setAttribute("data-state", state);
  }

  function add(tag, text, parent) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    (parent || details).appendChild(node);
    return node;
  }

  function show(answer) {
    var body = answer.body || {};
    // An unknown token falls through to session authentication, which the window never
    // uses (credentials are omitted), so it answers 401 or, after its CSRF check, 403.
    if (answer.status === 401 || answer.status === 403) {
      say("This bookmarklet's token was revoked or is not valid. Make a new bookmarklet on pmpath's Jobs page.", "error");
      return;
    }
    if (answer.status === 413) {
      say("This page is over 5 MB, too large to save.", "error");
      return;
    }
    if (!answer.ok) {
      var detail = typeof body.detail === "string" ? body.detail : "pmpath answered " + answer.status + ".";
      say("The posting was not saved: " + detail, "error");
      return;
    }
    var saved = body.saved || [];
    var fresh = saved.filter(function (item) { return item.new; }).length;
    say(
      !saved.length ? "Nothing saved from this page" : fresh ? "Saved to pmpath" : "Already in pmpath",
      saved.length ? "saved" : "empty"
    );
    if (body.summary) add("p", body.summary).className = "summary";
    if (saved.length) {
      var list = add("ul");
      saved.forEach(function (item) {
        var entry = add("li", "", list);
        var link = add("a", item.title, entry);
        link.href = postingPath.replace(/\/0\/$/, "/" + encodeURIComponent(item.id) + "/");
        link.target = "_blank";
        link.rel = "noopener";
        var about = [item.company, item.level].filter(Boolean).join(" · ");
        if (about) add("small", " " + about, entry);
      });
    }
    if (body.missing && body.missing.length) {
      add("p", "The page's JobPosting markup lacks: " + body.missing.join(", ") + ".");
    }
    (body.problems || []).forEach(function (p) {
      add("p", p.position + (p.field ? " · " + p.field : "") + ": " + p.message).className = "muted";
    });
  }

  function send(data) {
    say("Saving this posting…", "busy");
    var url = typeof data.url === "string" && data.url.length <= 2000 ? data.url : "";
    fetch(endpoint, {
      method: "POST",
      credentials: "omit", // the token alone authenticates: another site cannot use the session
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + data.token },
      body: JSON.stringify({ url: url, html: data.html }),
    })
      .then(function (response) {
        return response.json().then(
          function (body) { return { ok: response.ok, status: response.status, body: body }; },
          function () { return { ok: response.ok, status: response.status, body: null }; }
        );
      })
      .then(show, function () {
        say("pmpath could not be reached. Is it still running?", "error");
      });
  }

  if (!opener) {
    say("Use the pmpath bookmarklet on a job page: it opens this window and sends the page here.", "idle");
    return;
  }

  window.addEventListener("message", function (event) {
    if (received || event.source !== opener) return;
    var data = event.data;
    if (!data || data.type !== "pmpath:page" || typeof data.html !== "string" || typeof data.token !== "string") return;
    received = true;
    send(data);
  });

  // The opener listens only after window.open returns, so say "ready" until it answers.
  var tries = 0;
  var timer = window.setInterval(function () {
    if (received || ++tries > 40) {
      window.clearInterval(timer);
      if (!received) say("No page arrived. Some sites cut the link to windows they open; save the page with your browser and upload it on pmpath's Import page instead.", "error");
      return;
    }
    try { opener.postMessage("pmpath:ready", "*"); } catch (e) { /* the opener went away */ }
  }, 250);
  try { opener.postMessage("pmpath:ready", "*"); } catch (e) { /* as above */ }
})();
