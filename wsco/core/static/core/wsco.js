// Small progressive enhancements; every page works without them.
document.documentElement.classList.add("js");
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field.matches("[data-autosubmit]")) {
    field.form.requestSubmit();
  }
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

// Folded panels (the directory's filters): closed on a phone, open on a wider screen. Without
// JavaScript they stay open, as the page sends them.
const wide = window.matchMedia("(min-width: 48rem)");
const foldPanels = () => {
  document.querySelectorAll("details[data-fold-narrow]").forEach((panel) => {
    panel.open = wide.matches;
  });
};
foldPanels();
wide.addEventListener("change", foldPanels);

// Modals (core/components/modal.html): the link opens its <dialog> instead of its own page;
// a confirmation's button (core/components/confirm.html) opens its <dialog> instead of sending.
document.addEventListener("click", (event) => {
  const opener = event.target.closest("[data-open-dialog]");
  const dialog = opener && document.getElementById(opener.dataset.openDialog);
  if (dialog && typeof dialog.showModal === "function") {
    event.preventDefault();
    // One dialog for a list's rows (modal.html with shared=True): the row's link fills it in.
    if (opener.dataset.dialogAction) {
      dialog.querySelector("form[method='post']").action = opener.dataset.dialogAction;
    }
    if (opener.dataset.dialogTitle) {
      dialog.querySelector(".modal-head h2").textContent = opener.dataset.dialogTitle;
    }
    dialog.showModal();
  }
});

// A dialog's "Cancel" button (core/components/confirm.html, a modal's form) closes it.
document.addEventListener("click", (event) => {
  const cancel = event.target.closest("[data-close-dialog]");
  if (cancel) {
    cancel.closest("dialog").close();
  }
});

// Toasts (core/components/toasts.html): each has a button that dismisses it.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-dismiss-toast]");
  if (button) {
    const toast = button.closest("[data-toast]");
    const list = toast.parentElement;
    toast.remove();
    if (!list.querySelector("[data-toast]")) {
      list.remove();
    }
  }
});

// Folded panels tell assistive technology whether they are open (the menu's summary is a button).
document.querySelectorAll("details[data-fold-narrow]").forEach((panel) => {
  const summary = panel.querySelector("summary");
  const say = () => summary.setAttribute("aria-expanded", String(panel.open));
  say();
  panel.addEventListener("toggle", say);
});
