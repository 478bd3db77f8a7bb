"""LoRA fine-tuning (`train_lora.main`) and evaluation of the interviewer model."""
