// GOV.UK error summary: on a page that comes back with problems, focus moves to the summary so that a
// screen reader reads it and the next Tab reaches its first link; following a link focuses the field and
// brings its label (or its group's legend) into view. Without JavaScript the links still jump to the field.
(function () {
    "use strict";
    var summary = document.querySelector("[data-error-summary]");
    if (!summary || summary.dataset.ready) { return; }
    summary.dataset.ready = "true";
    summary.focus();
    summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[href^='#']");
        if (!link) { return; }
        var input = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
        if (!input) { return; }
        event.preventDefault();
        var legend = input.closest("fieldset") && input.closest("fieldset").querySelector("legend");
        var label = document.querySelector("label[for='" + CSS.escape(input.id) + "']");
        (legend || label || input).scrollIntoView();
        input.focus({ preventScroll: true });
        history.replaceState(null, "", "#" + input.id);
    });
})();
