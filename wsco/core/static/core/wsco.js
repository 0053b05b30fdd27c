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
