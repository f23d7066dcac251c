; Inno Setup script: the Windows installer of Press Desk, from the bundle that
; packaging/pressdesk.spec builds on Windows (the same spec as on Linux):
;
;   py -m pip install -e .[spell,bundle]
;   pyinstaller --noconfirm --distpath build\bundle\dist --workpath build\bundle\work packaging\pressdesk.spec
;   iscc /DAppVersion=0.1.0 packaging\pressdesk.iss
;
; It installs the folder (per user or for everyone, as the person chooses), a Start menu entry
; for the app (the windowed "Press Desk.exe") and, if asked, a desktop icon; pressdesk.exe
; beside it is the command for scheduled tasks (`pressdesk publish-due`, `pressdesk export`).
; tests/packaging/test_packaging.py checks that it matches the spec and pyproject.toml.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Press Desk"
#define AppProgram "Press Desk.exe"
#define BundleDir "..\build\bundle\dist\pressdesk"

[Setup]
; The same for every version: an upgrade replaces the installed one.
AppId={{4B05C602-8AD5-5228-9FD3-DAE7733329FA}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Press Desk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\build\bundle
OutputBaseFilename=pressdesk-{#AppVersion}-setup
SetupIconFile=pressdesk.ico
UninstallDisplayIcon={app}\{#AppProgram}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
; Inno Setup has no Tajik messages; Tajik readers get the Russian ones.
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppProgram}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppProgram}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppProgram}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
