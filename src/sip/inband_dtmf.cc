#include "sip/inband_dtmf.h"

#include <re.h>
#include <rem.h>

#include <stdexcept>

#include "sip/re_handle.h"

namespace robocall::sip {

struct InbandDtmf::Impl {
  std::function<void(char)> on_digit;
  ReHandle<dtmf_dec> decoder;  // declared last: goes first

  static void handler(char digit, void* arg) {
    auto* self = static_cast<Impl*>(arg);
    self->on_digit(digit);
  }
};

InbandDtmf::InbandDtmf(std::function<void(char)> on_digit) : impl_(std::make_unique<Impl>()) {
  impl_->on_digit = std::move(on_digit);
  if (dtmf_dec_alloc(out(impl_->decoder), 8000, 1, &Impl::handler, impl_.get()) != 0)
    throw std::bad_alloc();
}

InbandDtmf::InbandDtmf(InbandDtmf&&) noexcept = default;
InbandDtmf& InbandDtmf::operator=(InbandDtmf&&) noexcept = default;
InbandDtmf::~InbandDtmf() = default;

void InbandDtmf::probe(std::span<const std::int16_t> samples) {
  dtmf_dec_probe(impl_->decoder.get(), samples.data(), samples.size());
}

}  // namespace robocall::sip
