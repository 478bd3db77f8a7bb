from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User

from problems.judge.languages import offered as offered_languages
from problems.models import Difficulty, Tag


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=False, help_text="Optional; used for password resets.")

    class Meta:
        model = User
        fields = ("username", "email")


class InterviewStartForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.none(), required=False, to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    difficulty = forms.ChoiceField(
        choices=[("", "Any difficulty"), *Difficulty.choices], required=False
    )
    language = forms.ChoiceField(choices=offered_languages, initial="python3")
    problem_count = forms.IntegerField(min_value=1, max_value=3, initial=1, label="Problems")
    time_limit_min = forms.IntegerField(
        min_value=5, max_value=180, initial=45, label="Time limit (minutes)"
    )
    job_description = forms.CharField(
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Or paste a role / job description",
        help_text="We pick problems relevant to it.",
    )
    problem = forms.SlugField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["topics"].queryset = Tag.objects.filter(problems__isnull=False).distinct()  # type: ignore[attr-defined]


class CodeForm(forms.Form):
    code = forms.CharField(required=False, strip=False, max_length=200_000)
    explanation = forms.CharField(required=False, max_length=5000)
    client_token = forms.CharField(required=False, max_length=64)
    version = forms.IntegerField(required=False, min_value=0)  # the draft the page started from

    # Browsers send a form's text with CRLF line ends; the code is kept as written (LF).
    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).replace("\r\n", "\n")

    def clean_explanation(self) -> str:
        return str(self.cleaned_data["explanation"]).replace("\r\n", "\n")


class ChatForm(forms.Form):
    question = forms.CharField(max_length=2000)
