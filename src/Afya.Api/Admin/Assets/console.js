// The console's only script of its own: print buttons. Everything else works without JavaScript.
document.addEventListener('click', function (e) {
  if (e.target instanceof Element && e.target.closest('[data-print]')) window.print();
});
