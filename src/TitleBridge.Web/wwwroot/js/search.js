// Progressive enhancement: suggestions as the user types. Without JavaScript the form still works.
(function () {
    "use strict";
    var input = document.querySelector("input[data-suggest]");
    var box = document.getElementById("suggestions");
    if (!input || !box || !window.fetch) { return; }
    var endpoint = input.getAttribute("data-suggest");
    var lang = document.documentElement.lang || "zh-Hans";
    var timer = null, last = "", controller = null;

    function render(items) {
        box.textContent = "";
        if (!items.length) { return; }
        var list = document.createElement("ul");
        items.forEach(function (item) {
            var li = document.createElement("li");
            var a = document.createElement("a");
            a.href = "/catalogue/entries/" + encodeURIComponent(item.code);
            a.textContent = (lang.indexOf("zh") === 0 ? item.nameZh : item.nameEn) + " (" + item.code + ")";
            li.appendChild(a);
            list.appendChild(li);
        });
        box.appendChild(list);
    }

    input.addEventListener("input", function () {
        var q = input.value.trim();
        if (q === last) { return; }
        last = q;
        clearTimeout(timer);
        if (!q) { render([]); return; }
        timer = setTimeout(function () {
            if (controller) { controller.abort(); }
            controller = new AbortController();
            fetch(endpoint + "?limit=8&q=" + encodeURIComponent(q), { headers: { "Accept-Language": lang }, signal: controller.signal })
                .then(function (r) { return r.ok ? r.json() : { items: [] }; })
                .then(function (data) { render(data.items || []); })
                .catch(function () { /* a cancelled or failed suggestion is not an error for the user */ });
        }, 120);
    });
})();
