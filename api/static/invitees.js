// The survey form's invitee list: search by name, select all shown or none, and a count
// of the chosen (api/templates/surveys.html). Without JavaScript the list still works.
(function () {
  "use strict";
  const box = document.getElementById("invitees");
  if (!box) return;
  const search = document.getElementById("invitee-search");
  const count = document.getElementById("invitee-count");
  const rows = Array.from(box.querySelectorAll("div.invitee"));
  const boxes = rows.map((row) => row.querySelector("input[name=invite]"));
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const names = rows.map((row) => fold(row.querySelector("label").textContent));
  function counted() {
    const chosen = boxes.filter((b) => b.checked).length;
    count.textContent = count.dataset.template
      .replace("{chosen}", String(chosen))
      .replace("{total}", String(boxes.length));
  }
  search.addEventListener("input", () => {
    const wanted = fold(search.value.trim());
    rows.forEach((row, i) => { row.hidden = wanted !== "" && !names[i].includes(wanted); });
  });
  document.getElementById("invite-all").addEventListener("click", () => {
    rows.forEach((row, i) => { if (!row.hidden) boxes[i].checked = true; });
    counted();
  });
  document.getElementById("invite-none").addEventListener("click", () => {
    boxes.forEach((b) => { b.checked = false; });
    counted();
  });
  boxes.forEach((b) => b.addEventListener("change", counted));
  counted();
})();
