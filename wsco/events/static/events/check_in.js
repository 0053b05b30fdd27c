// The door's camera: where the browser has BarcodeDetector, a button scans a ticket's QR code
// into the code field and sends the form; elsewhere the field is typed in.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-scan-ticket]");
    var place = document.querySelector("[data-scan-video]");
    if (!button || !place || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        var video = document.createElement("video");
        video.className = "check-in-video";
        video.setAttribute("playsinline", "");
        video.muted = true;
        video.setAttribute("aria-label", place.dataset.label);
        place.appendChild(video);
        video.srcObject = stream;
        video.play();
        var look = function () {
          detector.detect(video).then(function (codes) {
            if (codes.length) {
              stream.getTracks().forEach(function (track) { track.stop(); });
              var field = document.getElementById("id_code");
              field.value = codes[0].rawValue;
              field.form.submit();
            } else {
              window.requestAnimationFrame(look);
            }
          }).catch(function () { window.requestAnimationFrame(look); });
        };
        look();
      }).catch(function () { button.hidden = true; });
    });
  });
})();
