// Small progressive enhancements; the pages work without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Forms marked data-autosubmit submit when a select changes (filters).
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
  // The main menu folds behind one button on a phone (the CSS hides it there while aria-expanded is false).
  document.querySelectorAll("[data-menu-toggle]").forEach((toggle) => {
    const menu = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!menu) return;
    const setOpen = (open) => toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.hidden = false;
    menu.classList.add("foldable");
    toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
    menu.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  });
  // Links marked data-history-back go back a page when there is one (their href is the fallback).
  document.querySelectorAll("a[data-history-back]").forEach((link) => {
    if (window.history.length < 2) return;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      window.history.back();
    });
  });
  // Buttons with data-confirm ask before submitting.
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  });
});

// --- Bulk choices (dissemination, people picker) ------------------------------------------------------
// Checkbox lists whose boxes carry data-select-all="Chọn tất cả" data-clear-all="Bỏ chọn tất cả" get two
// buttons above them that tick or clear every box. Without script the form offers its own "all" choice.
document.addEventListener("DOMContentLoaded", () => {
  const groups = new Map();
  document.querySelectorAll("input[type=checkbox][data-select-all]").forEach((box) => {
    if (!groups.has(box.name)) groups.set(box.name, []);
    groups.get(box.name).push(box);
  });
  groups.forEach((boxes) => {
    const container = boxes[0].closest("div[id]") || boxes[0].parentElement;
    const bar = document.createElement("div");
    bar.className = "select-all-bar";
    [[boxes[0].dataset.selectAll, true], [boxes[0].dataset.clearAll, false]].forEach(([text, value]) => {
      if (!text) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary small";
      button.textContent = text;
      button.dataset.testid = value ? "select-all" : "clear-all";
      button.addEventListener("click", () => boxes.forEach((b) => { b.checked = value; }));
      bar.appendChild(button);
    });
    container.parentElement.insertBefore(bar, container);
  });
});
// The people picker's search box: Enter searches at once instead of submitting the whole form.
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && event.target.matches && event.target.matches("input[data-picker-search]")) {
    event.preventDefault();
    if (window.htmx) window.htmx.trigger(event.target, "search");
  }
});

// --- Registration: ticking many staff at once (templates/registrations/add_staff.html) -----------------
// A checkbox with data-check-all="NAME" ("Chọn tất cả") ticks or clears every checkbox named NAME in its
// form, and shows itself ticked when all of them are; an element data-checked-count="NAME" in the form says
// how many are ticked (those of other pages, kept as hidden inputs, included). Without script each box is
// ticked by hand and the count is the server's.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[type=checkbox][data-check-all]").forEach((master) => {
    const name = master.dataset.checkAll;
    const form = master.form;
    const boxes = Array.from(form.querySelectorAll("input[type=checkbox]")).filter((box) => box.name === name);
    const kept = Array.from(form.querySelectorAll("input[type=hidden]")).filter((input) => input.name === name);
    const counters = Array.from(form.querySelectorAll("[data-checked-count]")).filter(
      (el) => el.dataset.checkedCount === name
    );
    const sync = () => {
      const ticked = boxes.filter((box) => box.checked).length;
      master.checked = boxes.length > 0 && ticked === boxes.length;
      counters.forEach((el) => { el.textContent = String(ticked + kept.length); });
    };
    master.addEventListener("change", () => {
      boxes.forEach((box) => { box.checked = master.checked; });
      sync();
    });
    boxes.forEach((box) => box.addEventListener("change", sync));
    sync();
  });
});
