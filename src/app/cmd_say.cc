// `robocall say "ТЕКСТ" -o FILE.wav`: renders text through the phrase path
// the calls use (digits spelled out, espeak-ng, 8 kHz, trimmed, normalised,
// the phrase cache under --data-dir when given) and writes a WAV file.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "audio/wav.h"
#include "speech/numerals.h"
#include "speech/phrase_cache.h"
#include "speech/phrase_renderer.h"
#include "speech/synthesizer.h"

namespace robocall::app {

void add_say_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::string text;
    std::string output;
    std::string data_dir;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "say", "Синтезировать фразу в файл WAV (8 кГц, моно) тем же путём, что и при звонках");
  cmd->add_option("text", args->text, "Текст фразы")->required();
  cmd->add_option("-o,--output", args->output, "Файл WAV для записи")->required();
  cmd->add_option("--data-dir", args->data_dir,
                  "Папка данных: фраза берётся из кэша <папка>/phrases и сохраняется в него");
  cmd->callback([args, &exit_code] {
    auto synth = speech::Synthesizer::start();
    if (!synth) {
      std::cerr << synth.error().message << '\n';
      exit_code = 1;
      return;
    }
    speech::PhraseCache cache(args->data_dir.empty()
                                  ? std::filesystem::path()
                                  : std::filesystem::path(args->data_dir) / "phrases");
    speech::PhraseRenderer renderer(**synth, cache);
    auto pcm = renderer.render(speech::spell_numbers(args->text));
    if (!pcm) {
      std::cerr << pcm.error().message << '\n';
      exit_code = 1;
      return;
    }
    if (Status written = audio::write_wav(args->output, **pcm); !written) {
      std::cerr << written.error().message << '\n';
      exit_code = 1;
      return;
    }
    std::cout << args->output << ": " << (*pcm)->duration().count() << " мс, 8000 Гц, моно\n";
  });
}

}  // namespace robocall::app
