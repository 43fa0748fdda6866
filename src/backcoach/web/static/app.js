// backcoach: small progressive enhancements, no framework. Every page works without this file:
// forms post and redirect, the pain button is a link to the pain form, the rest shows its length.
//
// - the rest countdown ticks down and says when the rest is over; -15 s / +15 s adjust it;
// - a hold or timed drill has a countdown its button starts;
// - the pain button opens the pain form in a dialog on the same page;
// - buttons with data-confirm ask first;
// - an "Undo" offer after a delete (data-expires) goes away after a few seconds;
// - a form's error summary (data-autofocus) takes focus on load, and its links focus their fields;
// - workout forms (data-enhance) post with fetch, sending the CSRF token from the page's meta tag
//   in the X-CSRF-Token header, and swap in the page the server answers with; when the
//   connection drops, the page says so and keeps the form (the workout is saved on the server);
// - a background job's page (data-job-poll: its JSON status) moves its progress bar as the job
//   runs and reloads once it has finished (without this file, its "Check again" link reloads it;
//   no page refreshes itself by a meta tag, which screen readers cannot stop).
"use strict";

(function () {
  var timer = null;

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function format(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function startCountdown() {
    if (timer !== null) {
      clearInterval(timer);
      timer = null;
    }
    var el = document.querySelector(".countdown[data-left]");
    if (!el) return;
    el.setAttribute("data-end", String(Date.now() + parseInt(el.getAttribute("data-left"), 10) * 1000));
    var announced = false;
    function tick() {
      var end = parseInt(el.getAttribute("data-end"), 10);
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      el.textContent = left > 0 ? format(left) : "Rest over";
      if (left === 0 && !announced) {
        announced = true;
        el.classList.add("done");
        el.setAttribute("aria-live", "assertive");
        if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
        clearInterval(timer);
        timer = null;
      }
    }
    tick();
    timer = setInterval(tick, 250);
  }

  function notice(text) {
    var main = document.getElementById("main");
    if (!main) return;
    var old = document.getElementById("js-notice");
    if (old) old.remove();
    var p = document.createElement("p");
    p.id = "js-notice";
    p.className = "card alert warn";
    p.setAttribute("role", "alert");
    p.textContent = text;
    main.insertBefore(p, main.firstChild);
  }

  function swapIn(html, url) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    document.title = doc.title;
    document.body.className = doc.body.className;
    document.body.innerHTML = doc.body.innerHTML;
    var meta = doc.querySelector('meta[name="csrf-token"]');
    var mine = document.querySelector('meta[name="csrf-token"]');
    if (meta && mine) mine.setAttribute("content", meta.getAttribute("content"));
    if (url && url !== location.href) history.replaceState(null, "", url);
    startCountdown();
    var main = document.getElementById("main");
    if (main) main.focus();
  }

  function enhancedSubmit(event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-enhance")) return;
    if (!window.fetch || !window.DOMParser) return;
    event.preventDefault();
    var body = new FormData(form);
    var submitter = event.submitter;
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (b) { b.disabled = true; });
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(body),
      headers: { "X-CSRF-Token": csrfToken(), "Accept": "text/html" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.text().then(function (text) { swapIn(text, response.url); });
      })
      .catch(function () {
        buttons.forEach(function (b) { b.disabled = false; });
        notice("No connection. Your workout is saved on the server: try again when you are back online.");
      });
  }

  // The rest countdown: -15 s / +15 s move its end (the server's rest is advice, not a lock).
  function adjustRest(button) {
    var el = document.querySelector(".countdown[data-end]");
    if (!el) return;
    var end = parseInt(el.getAttribute("data-end"), 10) + parseInt(button.getAttribute("data-rest-adjust"), 10) * 1000;
    el.setAttribute("data-end", String(Math.max(Date.now(), end)));
    if (timer === null && end > Date.now()) {
      el.classList.remove("done");
      el.setAttribute("data-left", String(Math.round((end - Date.now()) / 1000)));
      startCountdown();
    }
  }

  // A hold or a timed drill: a countdown started by its button.
  var holdTimer = null;
  function startHold(button) {
    var box = button.closest("[data-hold]");
    var face = box ? box.querySelector(".countdown") : null;
    if (!face) return;
    if (holdTimer !== null) clearInterval(holdTimer);
    var end = Date.now() + parseInt(box.getAttribute("data-hold"), 10) * 1000;
    button.textContent = "Restart";
    function tick() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      face.textContent = left > 0 ? format(left) : "Time";
      if (left === 0) {
        face.classList.add("done");
        face.setAttribute("aria-live", "assertive");
        if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
        clearInterval(holdTimer);
        holdTimer = null;
      }
    }
    face.classList.remove("done");
    tick();
    holdTimer = setInterval(tick, 250);
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var adjust = target.closest("[data-rest-adjust]");
    if (adjust) {
      adjustRest(adjust);
      return;
    }
    var hold = target.closest("[data-hold-start]");
    if (hold) {
      startHold(hold);
      return;
    }
    var opener = target.closest("[data-dialog]");
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-dialog"));
      if (dialog && typeof dialog.showModal === "function") {
        event.preventDefault();
        dialog.showModal();
        var first = dialog.querySelector("select, input, button");
        if (first) first.focus();
      }
      return;
    }
    var closer = target.closest("[data-close]");
    if (closer) {
      var open = document.getElementById(closer.getAttribute("data-close"));
      if (open && typeof open.close === "function") open.close();
      return;
    }
    var jump = target.closest(".error-summary a[href^='#']");
    if (jump) {
      var field = document.getElementById(jump.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        field.scrollIntoView({ block: "center" });
        field.focus();
      }
      return;
    }
    var confirmer = target.closest("[data-confirm]");
    if (confirmer && !window.confirm(confirmer.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  document.addEventListener("submit", enhancedSubmit);
  function focusFirstProblem() {
    var summary = document.querySelector("[data-autofocus]");
    if (summary) summary.focus();
  }

  // An "Undo" offer (data-expires, in seconds) goes away after a few seconds.
  function expireUndo() {
    document.querySelectorAll("[data-expires]").forEach(function (el) {
      var seconds = parseInt(el.getAttribute("data-expires"), 10) || 15;
      setTimeout(function () { el.classList.add("expired"); }, seconds * 1000);
    });
  }

  // A background job's page follows the job: every two seconds its status, then a reload when done.
  var JOB_POLL_MS = 2000;
  function followJob() {
    var box = document.querySelector("[data-job-poll]");
    if (!box || !window.fetch) return;
    var url = box.getAttribute("data-job-poll");
    var bar = box.querySelector("progress");
    var shown = box.querySelector("[data-job-percent]");
    function look() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (answer) { return answer.ok ? answer.json() : null; })
        .then(function (job) {
          if (!job) return; // gone or not theirs: the link still reloads the page
          if (job.status === "done" || job.status === "failed") {
            window.location.reload();
            return;
          }
          var percent = Math.round(100 * (job.progress || 0));
          if (bar) bar.value = percent;
          if (shown) shown.textContent = String(percent);
          setTimeout(look, JOB_POLL_MS);
        })
        .catch(function () { setTimeout(look, 2 * JOB_POLL_MS); }); // offline for a moment
    }
    setTimeout(look, JOB_POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", followJob);
  document.addEventListener("DOMContentLoaded", expireUndo);
  document.addEventListener("DOMContentLoaded", startCountdown);
  document.addEventListener("DOMContentLoaded", focusFirstProblem);
})();
