// Files in and out of the page for the client: downloads made from bytes
// (a Blob behind a link that is clicked), and a text file the user picks
// (a file input). client-wasm/src/browser_files.cpp calls these.
(function () {
  "use strict";

  function download(name, mime, bytes) {
    var url = URL.createObjectURL(new Blob([bytes], { type: mime }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The download has started reading the Blob by now; the URL only keeps
    // its memory alive. A minute covers slow disks and save dialogs.
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  // Calls onChosen(name, text) once the user picked a file and it was read,
  // onFailed(message) if reading it failed; nothing if the dialog is cancelled.
  function chooseText(accept, onChosen, onFailed) {
    var input = document.createElement("input");
    input.type = "file";
    input.accept = accept;
    input.style.display = "none";
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      input.remove();
      if (!file) return;
      file.text().then(function (text) { onChosen(file.name, text); },
                       function (err) { onFailed(String(err)); });
    });
    // Safari opens the dialog only for inputs in the document.
    document.body.appendChild(input);
    input.click();
  }

  window.squiggleFiles = Object.freeze({ download: download, chooseText: chooseText });
})();
